using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace DeepSql.Server.PgWire.Protocol;

/// <summary>
/// Backend messages are built here and written to the socket on flush (once per Sync/Query, or per ~64 KB chunk
/// while a result streams). A message is type byte + int32 length (self-inclusive) + body; the length is patched in
/// when the message ends.
/// </summary>
internal sealed class PgOutputBuffer : IBufferWriter<byte>
{
    private byte[] _buffer = new byte[8192];
    private int _length;
    private int _messageStart = -1;

    public int Length => _length;

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _length);

    public void Clear()
    {
        _length = 0;
        if (_buffer.Length > 1 << 20)
        {
            _buffer = new byte[8192];
        }
    }

    public void StartMessage(byte type)
    {
        Ensure(5);
        _buffer[_length] = type;
        _messageStart = _length + 1;
        _length += 5;
    }

    public void EndMessage()
    {
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_messageStart), _length - _messageStart);
        _messageStart = -1;
    }

    /// <summary>Reserves 4 bytes for a length and returns their offset (DataRow column lengths).</summary>
    public int ReserveInt32()
    {
        Ensure(4);
        var at = _length;
        _length += 4;
        return at;
    }

    public void PatchInt32(int at, int value) => BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(at), value);

    public void WriteByte(byte value)
    {
        Ensure(1);
        _buffer[_length++] = value;
    }

    public void WriteInt16(short value)
    {
        Ensure(2);
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_length), value);
        _length += 2;
    }

    public void WriteInt32(int value)
    {
        Ensure(4);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), value);
        _length += 4;
    }

    public void WriteInt64(long value)
    {
        Ensure(8);
        BinaryPrimitives.WriteInt64BigEndian(_buffer.AsSpan(_length), value);
        _length += 8;
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    /// <summary>UTF-8 text without a terminator.</summary>
    public void WriteString(string value)
    {
        Ensure(Encoding.UTF8.GetMaxByteCount(value.Length));
        _length += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length));
    }

    /// <summary>UTF-8 text with a NUL terminator.</summary>
    public void WriteCString(string value)
    {
        WriteString(value);
        WriteByte(0);
    }

    public void Advance(int count) => _length += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(Math.Max(sizeHint, 256));
        return _buffer.AsMemory(_length);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(Math.Max(sizeHint, 256));
        return _buffer.AsSpan(_length);
    }

    private void Ensure(int count)
    {
        if (_length + count <= _buffer.Length)
        {
            return;
        }

        var size = Math.Max(_buffer.Length * 2, _length + count);
        Array.Resize(ref _buffer, size);
    }
}
