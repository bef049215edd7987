using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SimpleActors.Msrp.IsComposing;
using SimpleActors.Msrp.Tests.Vectors;

namespace SimpleActors.Msrp.Tests.IsComposing;

/// <summary>The reader refuses only with its typed exception; what the writer writes reads back equal.</summary>
public class IsComposingPropertyTests
{
    private static readonly byte[][] Seeds = BodyVector.Names("iscomposing", "*.xml").Select(n => BodyVector.Load("iscomposing", n)).ToArray();

    private static bool ReadsOrRefuses(byte[] bytes)
    {
        IsComposingDocument document;
        try
        {
            document = IsComposingReader.Read(bytes);
        }
        catch (IsComposingFormatException e)
        {
            return e.Reason.StartsWith("isComposing: ", StringComparison.Ordinal);
        }

        return IsComposingReader.Read(IsComposingWriter.Write(document)) == document;
    }

    private static Gen<IsComposingDocument> Document =>
        from state in Gen.Elements(ComposingState.Active, ComposingState.Idle)
        from lastActive in Gen.OneOf(Gen.Constant<DateTimeOffset?>(null), Gen.Choose(0, int.MaxValue).Select(s => (DateTimeOffset?)DateTimeOffset.UnixEpoch.AddSeconds(s).ToOffset(TimeSpan.FromHours(2))))
        from contentType in Gen.Elements<string?>(null, "", "text", "text/plain", "audio", "a & <b>", "ü\r\nx")
        from refresh in Gen.OneOf(Gen.Constant<int?>(null), Gen.Choose(1, int.MaxValue).Select(r => (int?)r))
        select new IsComposingDocument(state) { LastActive = lastActive, ContentType = contentType, Refresh = refresh };

    [Property(MaxTest = 1000)]
    public bool Arbitrary_bytes_are_read_or_refused_with_an_isComposing_format_error(byte[] bytes) => ReadsOrRefuses(bytes);

    [Property(MaxTest = 2000)]
    public Property Mutated_RFC_examples_are_read_or_refused_with_an_isComposing_format_error() =>
        Prop.ForAll(Mutation.Of(Seeds).ToArbitrary(), ReadsOrRefuses);

    [Property(MaxTest = 300)]
    public Property What_is_written_reads_back_equal() =>
        Prop.ForAll(Document.ToArbitrary(), document => IsComposingReader.Read(IsComposingWriter.Write(document)) == document);
}
