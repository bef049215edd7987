using System.Xml.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SimpleActors.Presence.Patch;

namespace SimpleActors.Presence.Tests.Patch;

public class XmlPatchDiffPropertyTests
{
    [Property(MaxTest = 500)]
    public Property Applying_the_diff_of_two_documents_to_the_first_gives_the_second() =>
        Prop.ForAll(Arb.From(PatchGenerators.Pair), pair =>
        {
            var operations = XmlPatch.Diff(pair.Old, pair.New);
            var result = XmlPatch.Apply(pair.Old, operations);
            return PatchXml.Equal(result, pair.New)
                .Label($"old: {PatchXml.Write(pair.Old)}\nnew: {PatchXml.Write(pair.New)}\nresult: {PatchXml.Write(result)}\ndiff: {string.Concat(operations)}");
        });

    [Property(MaxTest = 300)]
    public Property The_diff_means_the_same_after_it_is_written_and_parsed_inside_another_document() =>
        Prop.ForAll(Arb.From(PatchGenerators.Pair), pair =>
        {
            // A container with a default namespace of its own and a clashing prefix: the directives must not depend on either.
            var container = new XElement(
                XNamespace.Get("urn:ietf:params:xml:ns:pidf-diff") + "pidf-diff",
                new XAttribute("xmlns", "urn:ietf:params:xml:ns:pidf-diff"),
                new XAttribute(XNamespace.Xmlns + "a", "urn:elsewhere"),
                XmlPatch.Diff(pair.Old, pair.New, "urn:ietf:params:xml:ns:pidf-diff"));
            var text = container.ToString(SaveOptions.DisableFormatting);
            var result = XmlPatch.Apply(pair.Old, XDocument.Parse(text, LoadOptions.PreserveWhitespace).Root!);
            return PatchXml.Equal(result, pair.New)
                .Label($"old: {PatchXml.Write(pair.Old)}\nnew: {PatchXml.Write(pair.New)}\nresult: {PatchXml.Write(result)}\ndiff: {text}");
        });

    [Property(MaxTest = 200)]
    public Property A_document_diffed_with_itself_gives_no_directive() =>
        Prop.ForAll(Arb.From(PatchGenerators.Document), document => XmlPatch.Diff(document, new XDocument(document)).Count == 0);

    [Property(MaxTest = 200)]
    public Property Apply_never_changes_its_target() =>
        Prop.ForAll(Arb.From(PatchGenerators.Pair), pair =>
        {
            var before = PatchXml.Write(pair.Old);
            XmlPatch.Apply(pair.Old, XmlPatch.Diff(pair.Old, pair.New));
            return PatchXml.Write(pair.Old) == before;
        });
}
