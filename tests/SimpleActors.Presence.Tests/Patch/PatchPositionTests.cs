using static SimpleActors.Presence.Tests.Patch.PatchXml;

namespace SimpleActors.Presence.Tests.Patch;

/// <summary>
/// RFC 5261 section 4.3.4 (<c>pos</c>) and 4.3.5 (several nodes): reconstructed examples in the style of Appendix A
/// (copyright the IETF Trust for the shapes; the documents are ours).
/// </summary>
public class PatchPositionTests
{
    private const string Target = "<doc>\n  <a/>\n  <b/>\n</doc>";

    [Theory]
    [InlineData("<add sel='doc/b' pos='before'><x/></add>", "<doc>\n  <a/>\n  <x/><b/>\n</doc>")]
    [InlineData("<add sel='doc/a' pos='after'><x/></add>", "<doc>\n  <a/><x/>\n  <b/>\n</doc>")]
    [InlineData("<add sel='doc' pos='prepend'><x/></add>", "<doc><x/>\n  <a/>\n  <b/>\n</doc>")]
    [InlineData("<add sel='doc'><x/></add>", "<doc>\n  <a/>\n  <b/>\n<x/></doc>")]
    [InlineData("<add sel='doc/a' pos='after'>\n  <x/><y/></add>", "<doc>\n  <a/>\n  <x/><y/>\n  <b/>\n</doc>")]
    public void Pos_places_added_nodes_before_after_or_as_the_first_child(string directive, string expected) =>
        Equal(expected, Apply(Target, "<diff>" + directive + "</diff>"));

    [Theory]
    [InlineData("<add sel='doc' pos='before'><x/></add>")]
    [InlineData("<add sel='doc' pos='after'><x/></add>")]
    public void Siblings_of_the_root_are_invalid_root_element_operation(string directive) =>
        Assert.Equal(Presence.Patch.PatchErrorKind.InvalidRootElementOperation, Fails(Target, "<diff>" + directive + "</diff>").Kind);

    [Fact]
    public void Removing_with_ws_both_takes_the_whitespace_on_both_sides()
    {
        var result = Apply(Target, "<diff><remove sel='doc/a' ws='both'/></diff>");

        Equal("<doc><b/>\n</doc>", result);
    }
}
