namespace SimpleActors.Msrp.IsComposing;

/// <summary>
/// An isComposing status message (RFC 3994 section 6): root <c>&lt;isComposing
/// xmlns="urn:ietf:params:xml:ns:im-iscomposing"&gt;</c> with <c>&lt;state&gt;</c> and the optional
/// <c>&lt;lastactive&gt;</c>, <c>&lt;contenttype&gt;</c> and <c>&lt;refresh&gt;</c>. Sent over MSRP with
/// <c>Success-Report: no</c> (checklist item 47).
/// </summary>
/// <param name="State">Composing (active) or not (idle).</param>
public sealed record IsComposingDocument(ComposingState State)
{
    /// <summary>The media type of an isComposing body.</summary>
    public const string MediaType = "application/im-iscomposing+xml";

    /// <summary>The XML namespace of the document.</summary>
    public const string Namespace = "urn:ietf:params:xml:ns:im-iscomposing";

    /// <summary>When the composer was last active (RFC 3994 section 3.2: mainly in idle messages), or null.</summary>
    public DateTimeOffset? LastActive { get; init; }

    /// <summary>What is being composed: a media type or just its top-level type ("text", "audio"), or null.</summary>
    public string? ContentType { get; init; }

    /// <summary>Seconds within which an active composer refreshes the state (RFC 3994 section 3.2), or null.</summary>
    public int? Refresh { get; init; }
}
