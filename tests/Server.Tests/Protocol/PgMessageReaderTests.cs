using System.Buffers;
using DeepSql.Server.PgWire;
using DeepSql.Server.PgWire.Messages;
using DeepSql.Server.PgWire.Protocol;
using DeepSql.Server.Tests.Support;
using Xunit;

namespace DeepSql.Server.Tests.Protocol;

public sealed class PgMessageReaderTests
{
    private static byte[] Message(char type, params byte[][] parts)
    {
        var body = parts.SelectMany(p => p).ToArray();
        return [(byte)type, .. RawPgClient.Int32(body.Length + 4), .. body];
    }

    /// <summary>A sequence of one-byte segments: every field straddles a segment boundary.</summary>
    private static ReadOnlySequence<byte> Fragmented(byte[] bytes)
    {
        var first = new Segment(bytes.AsMemory(0, 1), 0);
        var last = first;
        for (var i = 1; i < bytes.Length; i++)
        {
            last = last.Append(bytes.AsMemory(i, 1));
        }

        return new ReadOnlySequence<byte>(first, 0, last, 1);
    }

    [Fact]
    public void Parse_reads_a_bind_message_split_across_one_byte_segments()
    {
        var bytes = Message('B', RawPgClient.CString("p1"), RawPgClient.CString("s1"), RawPgClient.Int16(1), RawPgClient.Int16(1),
            RawPgClient.Int16(2), RawPgClient.Int32(3), "abc"u8.ToArray(), RawPgClient.Int32(-1), RawPgClient.Int16(1), RawPgClient.Int16(1));
        var buffer = Fragmented(bytes);
        Assert.True(PgMessageReader.TryReadMessage(ref buffer, 1 << 20, out var message));
        var bind = Assert.IsType<BindMessage>(message);
        Assert.Equal("p1", bind.Portal);
        Assert.Equal("s1", bind.Statement);
        Assert.Equal(new short[] { 1 }, bind.ParameterFormats);
        Assert.Equal("abc"u8.ToArray(), bind.Values[0]);
        Assert.Null(bind.Values[1]);
        Assert.Equal(new short[] { 1 }, bind.ResultFormats);
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void Parse_needs_more_data_until_the_whole_message_is_there()
    {
        var bytes = Message('Q', RawPgClient.CString("SELECT 1"));
        for (var cut = 0; cut < bytes.Length; cut++)
        {
            var partial = new ReadOnlySequence<byte>(bytes, 0, cut);
            Assert.False(PgMessageReader.TryReadMessage(ref partial, 1 << 20, out _));
            Assert.Equal(cut, partial.Length);
        }

        var whole = new ReadOnlySequence<byte>([.. bytes, .. Message('S')]);
        Assert.True(PgMessageReader.TryReadMessage(ref whole, 1 << 20, out var query));
        Assert.Equal("SELECT 1", Assert.IsType<QueryMessage>(query).Sql);
        Assert.True(PgMessageReader.TryReadMessage(ref whole, 1 << 20, out var sync));
        Assert.IsType<SyncMessage>(sync);
    }

    [Fact]
    public void Parse_rejects_length_below_4()
    {
        var buffer = new ReadOnlySequence<byte>([(byte)'Q', .. RawPgClient.Int32(3)]);
        Assert.Throws<PgProtocolException>(() => PgMessageReader.TryReadMessage(ref buffer, 1 << 20, out _));
    }

    [Fact]
    public void Parse_rejects_a_message_over_the_maximum_before_it_arrives()
    {
        var buffer = new ReadOnlySequence<byte>([(byte)'Q', .. RawPgClient.Int32(1001)]);
        Assert.Throws<PgProtocolException>(() => PgMessageReader.TryReadMessage(ref buffer, 1000, out _));
    }

    [Fact]
    public void Startup_reads_parameters_and_cancel_requests()
    {
        var startup = new ReadOnlySequence<byte>([.. RawPgClient.Int32(4 + 4 + 5 + 2 + 1), .. RawPgClient.Int32(3 << 16),
            .. RawPgClient.CString("user"), .. RawPgClient.CString("a"), 0]);
        Assert.True(PgMessageReader.TryReadStartup(ref startup, out var packet));
        Assert.Equal("a", Assert.IsType<StartupMessage>(packet).Parameters["user"]);

        var cancel = Fragmented([.. RawPgClient.Int32(16), .. RawPgClient.Int32(80877102), .. RawPgClient.Int32(1234), .. RawPgClient.Int32(-5)]);
        Assert.True(PgMessageReader.TryReadStartup(ref cancel, out var request));
        Assert.Equal(new CancelRequest(1234, -5), request);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
