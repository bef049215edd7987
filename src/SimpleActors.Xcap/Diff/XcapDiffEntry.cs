namespace SimpleActors.Xcap.Diff;

/// <summary>
/// One child of an xcap-diff document (RFC 5874 section 3): a <see cref="XcapDiffDocumentEntry"/>, an
/// <see cref="XcapDiffElementEntry"/> or an <see cref="XcapDiffAttributeEntry"/>.
/// </summary>
/// <param name="Selector">The 'sel' attribute: a document selector relative to the xcap-root, or for elements and
/// attributes a document selector with a node selector (<c>~~/...</c>).</param>
public abstract record XcapDiffEntry(string Selector);
