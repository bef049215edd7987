namespace SimpleActors.Msrp.Addressing;

/// <summary>A URI parameter after the transport: <c>;name</c> or <c>;name=value</c> (RFC 4975 section 9, URI-parameter).</summary>
public readonly record struct MsrpUriParameter(string Name, string? Value)
{
    public override string ToString() => Value is null ? Name : $"{Name}={Value}";
}
