using System.Text;

namespace SimpleActors.Xcap.NodeSelectors;

/// <summary>The <c>[@name="value"]</c> predicate of a step (RFC 4825 section 6.3 <c>attr-test</c>); the value is decoded.</summary>
/// <param name="Name">The attribute name; unprefixed means no namespace.</param>
/// <param name="Value">The value the attribute must have, with references replaced.</param>
public sealed record XcapAttributeTest(XcapQualifiedName Name, string Value)
{
    /// <summary><c>@name="value"</c>, the value escaped as an AttValue in double quotes.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder().Append('@').Append(Name).Append("=\"");
        foreach (var c in Value)
        {
            _ = c switch
            {
                '"' => builder.Append("&quot;"),
                '&' => builder.Append("&amp;"),
                '<' => builder.Append("&lt;"),
                _ => builder.Append(c),
            };
        }

        return builder.Append('"').ToString();
    }
}
