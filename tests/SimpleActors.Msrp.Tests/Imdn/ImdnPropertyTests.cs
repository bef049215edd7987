using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SimpleActors.Msrp.Imdn;
using SimpleActors.Msrp.Tests.Vectors;

namespace SimpleActors.Msrp.Tests.Imdn;

/// <summary>The reader refuses only with its typed exception; what the writer writes reads back equal.</summary>
public class ImdnPropertyTests
{
    private static readonly byte[][] Seeds = BodyVector.Names("imdn", "*.xml").Select(n => BodyVector.Load("imdn", n)).ToArray();

    private static bool ReadsOrRefuses(byte[] bytes)
    {
        ImdnDocument document;
        try
        {
            document = ImdnReader.Read(bytes);
        }
        catch (ImdnFormatException e)
        {
            return e.Reason.StartsWith("IMDN: ", StringComparison.Ordinal);
        }

        return ImdnReader.Read(ImdnWriter.Write(document)) == document;
    }

    private static readonly (DispositionType, DispositionStatus)[] Notifications =
        Enum.GetValues<DispositionType>().SelectMany(t => Enum.GetValues<DispositionStatus>().Select(s => (t, s))).Where(n => ImdnDocument.IsValid(n.t, n.s)).ToArray();

    private static Gen<string?> Optional(params string[] values) => Gen.Elements([null, .. values]);

    private static Gen<ImdnDocument> Document =>
        from messageId in Gen.Elements("34jk324j", "a b", "ü&<>", "x\ry")
        from seconds in Gen.Choose(0, int.MaxValue)
        from recipient in Optional("im:bob@example.com", "", "sip:a@b;x=<y>")
        from original in Optional("im:bob@example.com", "tel:+1")
        from subject in Optional("", " ", "Project Tomorrow", " a\r\n\tb ", "]]>")
        from notification in Gen.Elements(Notifications)
        select new ImdnDocument
        {
            MessageId = messageId,
            DateTime = DateTimeOffset.UnixEpoch.AddSeconds(seconds).AddTicks(seconds % 7).ToOffset(TimeSpan.FromMinutes(-330)),
            RecipientUri = recipient,
            OriginalRecipientUri = original,
            Subject = subject,
            Disposition = notification.Item1,
            Status = notification.Item2,
        };

    [Property(MaxTest = 1000)]
    public bool Arbitrary_bytes_are_read_or_refused_with_an_IMDN_format_error(byte[] bytes) => ReadsOrRefuses(bytes);

    [Property(MaxTest = 2000)]
    public Property Mutated_RFC_examples_are_read_or_refused_with_an_IMDN_format_error() =>
        Prop.ForAll(Mutation.Of(Seeds).ToArbitrary(), ReadsOrRefuses);

    [Property(MaxTest = 300)]
    public Property What_is_written_reads_back_equal() =>
        Prop.ForAll(Document.ToArbitrary(), document => ImdnReader.Read(ImdnWriter.Write(document)) == document);
}
