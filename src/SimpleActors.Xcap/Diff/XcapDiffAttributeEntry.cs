namespace SimpleActors.Xcap.Diff;

/// <summary>
/// An <c>&lt;attribute&gt;</c> of an xcap-diff document (RFC 5874 section 3): the current value of a watched
/// attribute, or, when <see cref="Value"/> is null, <c>exists="0"</c>: the attribute is gone.
/// </summary>
public sealed record XcapDiffAttributeEntry(string Selector, string? Value) : XcapDiffEntry(Selector)
{
    public bool Exists => Value is not null;
}
