using System.Buffers;
using BenchmarkDotNet.Attributes;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;

namespace SimpleActors.Benchmarks;

/// <summary>Parsing and serializing the typical SIMPLE messages (issue 2's speed goal: PUBLISH under 1 us).</summary>
[MemoryDiagnoser]
public class SipParserBenchmarks
{
    private readonly SipParser parser = new();
    private readonly ArrayBufferWriter<byte> output = new(4096);
    private byte[] bytes = [];
    private SipMessage message = null!;

    [Params("PUBLISH", "SUBSCRIBE", "NOTIFY", "MESSAGE", "200 OK")]
    public string Kind { get; set; } = "PUBLISH";

    [GlobalSetup]
    public void Setup()
    {
        bytes = TypicalMessages.Bytes(Kind switch
        {
            "PUBLISH" => TypicalMessages.Publish,
            "SUBSCRIBE" => TypicalMessages.Subscribe,
            "NOTIFY" => TypicalMessages.Notify,
            "MESSAGE" => TypicalMessages.Message,
            _ => TypicalMessages.Response200,
        });
        message = parser.Parse(bytes);
    }

    [Benchmark(Description = "parse datagram")]
    public SipMessage? ParseDatagram() => parser.ParseDatagram(bytes);

    [Benchmark(Description = "frame from stream")]
    public SipMessage? FrameFromStream()
    {
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));
        parser.TryReadFrame(ref reader, out var parsed);
        return parsed;
    }

    [Benchmark(Description = "serialize")]
    public int Serialize()
    {
        output.ResetWrittenCount();
        SipMessageWriter.Write(message, output);
        return output.WrittenCount;
    }
}
