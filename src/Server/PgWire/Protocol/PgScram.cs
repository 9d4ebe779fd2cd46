using System.Security.Cryptography;
using System.Text;

namespace DeepSql.Server.PgWire.Protocol;

/// <summary>
/// What the server keeps of a SCRAM-SHA-256 password (RFC 5802/7677): salt, iteration count, StoredKey, ServerKey.
/// Computed once per configured user, so a login costs HMACs, not 4096 PBKDF2 rounds.
/// </summary>
internal sealed class PgScramCredentials
{
    public const int Iterations = 4096;

    private PgScramCredentials(byte[] salt, byte[] storedKey, byte[] serverKey)
    {
        Salt = salt;
        StoredKey = storedKey;
        ServerKey = serverKey;
    }

    public byte[] Salt { get; }

    public byte[] StoredKey { get; }

    public byte[] ServerKey { get; }

    public static PgScramCredentials Create(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        // SaltedPassword = Hi(password, salt, i) = PBKDF2-HMAC-SHA-256 (passwords are taken as is: no SASLprep).
        var salted = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, 32);
        var clientKey = HMACSHA256.HashData(salted, "Client Key"u8);
        var storedKey = SHA256.HashData(clientKey);
        var serverKey = HMACSHA256.HashData(salted, "Server Key"u8);
        return new PgScramCredentials(salt, storedKey, serverKey);
    }
}

/// <summary>One SCRAM-SHA-256 exchange, server side.</summary>
internal sealed class PgScramExchange(PgScramCredentials credentials)
{
    public const string Mechanism = "SCRAM-SHA-256";

    private string _clientFirstBare = "";
    private string _serverFirst = "";
    private string _nonce = "";
    private string _gs2Header = "";

    /// <summary>client-first-message "n,,n=user,r=nonce" → server-first-message "r=nonce,s=salt,i=4096".</summary>
    public string OnClientFirst(string clientFirst)
    {
        // gs2-header: "n,," (no channel binding) or "y,," (client could, server did not offer); "p=" is refused.
        if (clientFirst.StartsWith("p=", StringComparison.Ordinal))
        {
            throw new PgProtocolException("channel binding is not supported");
        }

        var first = clientFirst.IndexOf(',');
        var second = first < 0 ? -1 : clientFirst.IndexOf(',', first + 1);
        if (second < 0 || (clientFirst[0] != 'n' && clientFirst[0] != 'y'))
        {
            throw new PgProtocolException("malformed SCRAM message (invalid GS2 header)");
        }

        _gs2Header = clientFirst[..(second + 1)];
        _clientFirstBare = clientFirst[(second + 1)..];
        var clientNonce = Attribute(_clientFirstBare, 'r')
            ?? throw new PgProtocolException("malformed SCRAM message (no client nonce)");
        _nonce = clientNonce + Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
        _serverFirst = $"r={_nonce},s={Convert.ToBase64String(credentials.Salt)},i={PgScramCredentials.Iterations}";
        return _serverFirst;
    }

    /// <summary>
    /// client-final-message "c=biws,r=nonce,p=proof" → server-final-message "v=signature", or null when the proof
    /// does not match (wrong password).
    /// </summary>
    public string? OnClientFinal(string clientFinal)
    {
        var proofAt = clientFinal.LastIndexOf(",p=", StringComparison.Ordinal);
        if (proofAt < 0)
        {
            throw new PgProtocolException("malformed SCRAM message (no proof)");
        }

        var withoutProof = clientFinal[..proofAt];
        var channel = Attribute(withoutProof, 'c');
        var nonce = Attribute(withoutProof, 'r');
        if (channel != Convert.ToBase64String(Encoding.UTF8.GetBytes(_gs2Header)) || nonce != _nonce)
        {
            throw new PgProtocolException("malformed SCRAM message (channel binding or nonce mismatch)");
        }

        byte[] proof;
        try
        {
            proof = Convert.FromBase64String(clientFinal[(proofAt + 3)..]);
        }
        catch (FormatException)
        {
            throw new PgProtocolException("malformed SCRAM message (invalid proof)");
        }

        var authMessage = Encoding.UTF8.GetBytes($"{_clientFirstBare},{_serverFirst},{withoutProof}");
        var clientSignature = HMACSHA256.HashData(credentials.StoredKey, authMessage);
        if (proof.Length != clientSignature.Length)
        {
            return null;
        }

        // ClientKey = ClientProof XOR ClientSignature; it is right when H(ClientKey) == StoredKey.
        var clientKey = new byte[proof.Length];
        for (var i = 0; i < proof.Length; i++)
        {
            clientKey[i] = (byte)(proof[i] ^ clientSignature[i]);
        }

        if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(clientKey), credentials.StoredKey))
        {
            return null;
        }

        var serverSignature = HMACSHA256.HashData(credentials.ServerKey, authMessage);
        return "v=" + Convert.ToBase64String(serverSignature);
    }

    private static string? Attribute(string message, char name)
    {
        foreach (var part in message.Split(','))
        {
            if (part.Length >= 2 && part[0] == name && part[1] == '=')
            {
                return part[2..];
            }
        }

        return null;
    }
}
