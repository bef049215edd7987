namespace SimpleActors.Msrp.Cpim;

/// <summary>
/// A message header beyond those RFC 3862 defines (section 3.4), such as <c>imdn.Message-ID: 34jk324j</c>: its name,
/// the namespace its prefix was bound to by an NS header (or, without prefix, <see cref="CpimMessage.DefaultNamespace"/>),
/// its parameters and its value.
/// </summary>
public sealed record CpimHeader
{
    /// <summary>A header in the namespace that <paramref name="prefix"/> is bound to (null for an unprefixed header).</summary>
    public CpimHeader(string? prefix, string name, string namespaceUri, string value)
    {
        Prefix = prefix;
        Name = name;
        NamespaceUri = namespaceUri;
        Value = value;
    }

    /// <summary>The name prefix before the dot, or null for a header in the default namespace.</summary>
    public string? Prefix { get; init; }

    /// <summary>The name after the prefix (the whole name when there is none).</summary>
    public string Name { get; init; }

    /// <summary>The namespace URI the prefix stands for, resolved through the message's NS headers.</summary>
    public string NamespaceUri { get; init; }

    /// <summary>The value, unescaped (RFC 3862 section 2.3).</summary>
    public string Value { get; init; }

    /// <summary>The parameters between the colon and the value, in order.</summary>
    public IReadOnlyList<CpimParameter> Parameters { get; init; } = [];

    /// <summary>The name as written: <c>prefix.Name</c> or <c>Name</c>.</summary>
    public string FullName => Prefix is null ? Name : Prefix + "." + Name;

    public bool Equals(CpimHeader? other) =>
        other is not null
        && Prefix == other.Prefix
        && Name == other.Name
        && NamespaceUri == other.NamespaceUri
        && Value == other.Value
        && Parameters.SequenceEqual(other.Parameters);

    public override int GetHashCode() => HashCode.Combine(Prefix, Name, NamespaceUri, Value, Parameters.Count);
}
