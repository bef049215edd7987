using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace SimpleActors.Presence.Tests;

public class PidfRoundTripPropertyTests
{
    [Property(MaxTest = 400)]
    public Property Parse_of_write_equals_the_document() =>
        Prop.ForAll(Arb.From(PidfGenerators.Document), document =>
        {
            var reparsed = Pidf.Parse(Pidf.Write(document));
            return reparsed == document && reparsed.GetHashCode() == document.GetHashCode();
        });

    [Property(MaxTest = 200)]
    public Property Write_is_deterministic_and_stable_through_a_round_trip() =>
        Prop.ForAll(Arb.From(PidfGenerators.Document), document =>
        {
            var bytes = Pidf.Write(document);
            return bytes.AsSpan().SequenceEqual(Pidf.Write(document with { }))
                && bytes.AsSpan().SequenceEqual(Pidf.Write(Pidf.Parse(bytes)));
        });

    [Property(MaxTest = 200)]
    public Property Equal_documents_built_separately_are_equal_and_hash_alike() =>
        Prop.ForAll(Arb.From(PidfGenerators.Document), document =>
        {
            var copy = Pidf.Parse(Pidf.Write(document));
            var changed = document with { Entity = document.Entity + "x" };
            return copy.Equals(document) && copy.GetHashCode() == document.GetHashCode() && !changed.Equals(document);
        });

    [Property(MaxTest = 300)]
    public Property Mutated_documents_are_accepted_or_rejected_with_a_presence_document_error() =>
        Prop.ForAll(
            Arb.From(
                from document in PidfGenerators.Document
                from position in Gen.Choose(0, int.MaxValue)
                from value in Gen.Choose(0, 255)
                from cut in Gen.Elements(false, true)
                select (document, position, (byte)value, cut)),
            t =>
            {
                var bytes = Pidf.Write(t.document);
                var at = t.position % bytes.Length;
                if (t.cut)
                {
                    bytes = bytes[..at];
                }
                else
                {
                    bytes[at] = t.Item3;
                }

                try
                {
                    Pidf.Parse(bytes);
                }
                catch (PresenceDocumentException)
                {
                }

                return true;
            });

    [Property(MaxTest = 300)]
    public bool Arbitrary_bytes_are_rejected_with_a_presence_document_error_only(byte[] bytes)
    {
        try
        {
            Pidf.Parse(bytes);
            WatcherInfo.Parse(bytes);
        }
        catch (PresenceDocumentException)
        {
        }

        return true;
    }
}
