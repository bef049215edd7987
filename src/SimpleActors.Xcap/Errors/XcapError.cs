namespace SimpleActors.Xcap.Errors;

/// <summary>
/// One conflict of a 409 answer (RFC 4825 section 11): the kind (its element in the body), an optional phrase, and for
/// <see cref="XcapErrorKind.NoParent"/> the closest existing ancestor's HTTP URI, for
/// <see cref="XcapErrorKind.UniquenessFailure"/> the fields that clash with suggested other values.
/// </summary>
public sealed record XcapError(XcapErrorKind Kind, string? Phrase = null)
{
    /// <summary>no-parent: the HTTP URI of the closest ancestor that exists (RFC 4825 section 11), or null.</summary>
    public string? Ancestor { get; init; }

    /// <summary>uniqueness-failure: each clashing field (a node selector relative to the document) with its alternative values.</summary>
    public IReadOnlyList<UniquenessField> Fields { get; init; } = [];
}

/// <summary>One <c>&lt;exists field="..."&gt;</c> of a uniqueness-failure, with its <c>&lt;alt-value&gt;</c>s.</summary>
public sealed record UniquenessField(string Field, IReadOnlyList<string> AlternativeValues);
