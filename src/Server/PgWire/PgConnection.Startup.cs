using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Net.Security;
using System.Text;
using DeepSql.Server.PgWire.Messages;
using DeepSql.Server.PgWire.Protocol;
using DeepSql.Server.PgWire.Types;
using DeepSql.Udf.Engines;

namespace DeepSql.Server.PgWire;

internal sealed partial class PgConnection
{
    private bool _tls;
    private bool _startupDone;
    private readonly List<(string Name, string Value)> _pendingCatalogSettings = [];

    /// <summary>Startup packet(s), authentication, session setup. False when the connection ends here (CancelRequest).</summary>
    private async Task<bool> StartupAsync(CancellationToken ct)
    {
        StartupMessage startup;
        while (true)
        {
            var packet = await ReadStartupAsync(ct).ConfigureAwait(false);
            switch (packet)
            {
                case null:
                    return false;
                case CancelRequest cancel:
                    _server.Cancel(cancel.ProcessId, cancel.SecretKey);
                    return false;
                case GssEncRequest:
                    await _stream.WriteAsync("N"u8.ToArray(), ct).ConfigureAwait(false);
                    continue;
                case SslRequest when _server.Certificate is not null && !_tls:
                    await StartTlsAsync(ct).ConfigureAwait(false);
                    continue;
                case SslRequest:
                    await _stream.WriteAsync("N"u8.ToArray(), ct).ConfigureAwait(false);
                    continue;
                case StartupMessage s:
                    startup = s;
                    break;
                default:
                    throw new PgProtocolException("unexpected startup packet");
            }

            break;
        }

        if (!startup.Parameters.TryGetValue("user", out var user) || user.Length == 0)
        {
            throw new PgException(SqlStates.InvalidAuthorizationSpecification,
                "no PostgreSQL user name specified in startup packet", "FATAL");
        }

        _user = user;
        if (_server.Options.RequireTlsForRemote && !_tls && !IsLoopback)
        {
            throw new PgException(SqlStates.InvalidAuthorizationSpecification,
                $"connection from this host for user \"{user}\" requires TLS", "FATAL");
        }

        // A 3.x client newer than 3.0, or one sending _pq_ options, is told what we speak.
        var unrecognized = startup.Parameters.Keys.Where(k => k.StartsWith("_pq_.", StringComparison.Ordinal)).ToList();
        if (startup.Minor > 0 || unrecognized.Count > 0)
        {
            PgMessageWriter.NegotiateProtocolVersion(_out, 0, unrecognized);
        }

        await AuthenticateAsync(user, ct).ConfigureAwait(false);
        PgMessageWriter.AuthenticationOk(_out);

        _settings = new PgSessionSettings(_server.Options, user);
        var context = new SessionContext { SessionId = ProcessId, User = user };
        _session = await Task.Run(() => _server.Engine.OpenSession(context), ct).ConfigureAwait(false);
        await Task.Run(() => _server.Catalog.PrepareSession(_session), ct).ConfigureAwait(false);
        ApplyStartupParameters(startup.Parameters);
        await ApplyCatalogSettingsAsync(ct).ConfigureAwait(false);
        _startupDone = true;

        foreach (var name in Settings.ReportedNames)
        {
            PgMessageWriter.ParameterStatus(_out, name, Settings.Get(name).Value);
        }

        PgMessageWriter.BackendKeyData(_out, ProcessId, SecretKey);
        _server.Register(this);
        await ReadyForQueryAsync(ct).ConfigureAwait(false);
        return true;
    }

    private void ApplyStartupParameters(IReadOnlyDictionary<string, string> parameters)
    {
        foreach (var (name, value) in parameters)
        {
            if (name is "user" or "database" or "replication" || name.StartsWith("_pq_.", StringComparison.Ordinal))
            {
                continue;
            }

            if (name == "options")
            {
                // -c name=value (or --name=value) pairs, as libpq's PGOPTIONS
                foreach (var option in ParseOptions(value))
                {
                    TryApplyStartupSetting(option.Key, option.Value);
                }

                continue;
            }

            TryApplyStartupSetting(name, value);
        }
    }

    private void TryApplyStartupSetting(string name, string value)
    {
        try
        {
            if (Settings.IsKnown(name))
            {
                ApplySetting(name, value);
            }
        }
        catch (PgException e)
        {
            PgMessageWriter.Notice(_out, e.Message, "WARNING", e.SqlState);
        }
    }

    private static IEnumerable<KeyValuePair<string, string>> ParseOptions(string options)
    {
        var parts = options.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            var text = parts[i] switch
            {
                "-c" when i + 1 < parts.Length => parts[++i],
                var p when p.StartsWith("--", StringComparison.Ordinal) => p[2..],
                var p when p.StartsWith("-c", StringComparison.Ordinal) => p[2..],
                _ => null,
            };
            var eq = text?.IndexOf('=') ?? -1;
            if (text is not null && eq > 0)
            {
                yield return new(text[..eq].Replace('-', '_'), text[(eq + 1)..]);
            }
        }
    }

    private async Task StartTlsAsync(CancellationToken ct)
    {
        // Bytes already buffered after SSLRequest would be unencrypted data injected before the handshake.
        var peek = _reader.TryRead(out var buffered);
        if (peek && buffered.Buffer.Length > 0)
        {
            throw new PgProtocolException("received unencrypted data after SSL request");
        }

        if (peek)
        {
            _reader.AdvanceTo(buffered.Buffer.Start);
        }

        await _stream.WriteAsync("S"u8.ToArray(), ct).ConfigureAwait(false);
        await _reader.CompleteAsync().ConfigureAwait(false);
        var ssl = new SslStream(_stream, leaveInnerStreamOpen: false);
        await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
        {
            ServerCertificate = _server.Certificate,
            ClientCertificateRequired = false,
        }, ct).ConfigureAwait(false);
        _stream = ssl;
        _reader = PipeReader.Create(ssl, new StreamPipeReaderOptions(leaveOpen: true));
        _tls = true;
    }

    private async ValueTask<PgStartupPacket?> ReadStartupAsync(CancellationToken ct)
    {
        while (true)
        {
            var result = await _reader.ReadAsync(ct).ConfigureAwait(false);
            var buffer = result.Buffer;
            bool complete;
            PgStartupPacket? packet;
            try
            {
                complete = PgMessageReader.TryReadStartup(ref buffer, out packet);
            }
            catch
            {
                _reader.AdvanceTo(buffer.Start);
                throw;
            }

            if (complete)
            {
                _reader.AdvanceTo(buffer.Start);
                return packet;
            }

            _reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                return null;
            }
        }
    }

    private async Task AuthenticateAsync(string user, CancellationToken ct)
    {
        var credentials = _server.CredentialsFor(user);
        if (credentials is null && _server.Options.TrustLocal && IsLoopback)
        {
            return;
        }

        var exchange = new PgScramExchange(credentials ?? _server.UnknownUserCredentials);
        PgMessageWriter.AuthenticationSasl(_out, PgScramExchange.Mechanism);
        await FlushAsync(ct).ConfigureAwait(false);

        // SASLInitialResponse: mechanism name, int32 length of the client-first-message (-1 = none), the message.
        var initial = await ReadPasswordMessageAsync(ct).ConfigureAwait(false);
        var nul = Array.IndexOf(initial, (byte)0);
        if (nul < 0 || initial.Length < nul + 5)
        {
            throw new PgProtocolException("malformed SASLInitialResponse");
        }

        var mechanism = Encoding.UTF8.GetString(initial, 0, nul);
        if (mechanism != PgScramExchange.Mechanism)
        {
            throw new PgException(SqlStates.ProtocolViolation,
                "client selected an invalid SASL authentication mechanism", "FATAL");
        }

        var length = BinaryPrimitives.ReadInt32BigEndian(initial.AsSpan(nul + 1));
        if (length < 0 || length != initial.Length - nul - 5)
        {
            throw new PgProtocolException("malformed SASLInitialResponse");
        }

        var serverFirst = exchange.OnClientFirst(Encoding.UTF8.GetString(initial, nul + 5, length));
        PgMessageWriter.Auth(_out, 11, Encoding.UTF8.GetBytes(serverFirst));
        await FlushAsync(ct).ConfigureAwait(false);

        var final = await ReadPasswordMessageAsync(ct).ConfigureAwait(false);
        var serverFinal = exchange.OnClientFinal(Encoding.UTF8.GetString(final));
        if (serverFinal is null || credentials is null)
        {
            throw new PgException(SqlStates.InvalidPassword, $"password authentication failed for user \"{user}\"", "FATAL");
        }

        PgMessageWriter.Auth(_out, 12, Encoding.UTF8.GetBytes(serverFinal));
    }

    private async Task<byte[]> ReadPasswordMessageAsync(CancellationToken ct)
    {
        var message = await ReadMessageAsync(ct).ConfigureAwait(false);
        return message switch
        {
            PasswordMessage p => p.Data,
            null => throw new IOException("client closed the connection during authentication"),
            _ => throw new PgProtocolException("expected SASL response"),
        };
    }

    /// <summary>Sets a parameter and tells whoever must know (client, SessionContext, catalog).</summary>
    private void ApplySetting(string name, string? value, bool local = false)
    {
        var (canonical, normalized) = value is null ? Settings.Reset(name, local) : Settings.Set(name, value, local);
        OnSettingChanged(canonical, normalized);
    }

    private void OnSettingChanged(string name, string value)
    {
        switch (name)
        {
            case "deepsql.strict":
                Session.Context.Strict = value == "on";
                break;
            case "deepsql.batch_size":
                Session.Context.BatchSize = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
                break;
            case "TimeZone" or "extra_float_digits":
                _format = new PgFormatSettings(Settings.TimeZoneInfo, Settings.ExtraFloatDigits);
                break;
        }

        if (_startupDone && Settings.IsReported(name))
        {
            PgMessageWriter.ParameterStatus(_out, name, value);
        }

        // The catalog runs engine statements: queued here, applied off the read loop by ApplyCatalogSettingsAsync.
        _pendingCatalogSettings.Add((name, value));
    }

    private async Task ApplyCatalogSettingsAsync(CancellationToken ct)
    {
        if (_pendingCatalogSettings.Count == 0)
        {
            return;
        }

        var pending = _pendingCatalogSettings.ToArray();
        _pendingCatalogSettings.Clear();
        await RunBlockingAsync(() =>
        {
            foreach (var (name, value) in pending)
            {
                _server.Catalog.OnSettingChanged(Session, name, value);
            }

            return 0;
        }, ct).ConfigureAwait(false);
    }
}
