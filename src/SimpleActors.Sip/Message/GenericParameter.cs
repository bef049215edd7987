namespace SimpleActors.Sip.Message;

/// <summary>
/// One <c>;name[=value]</c> parameter as it appears on the wire: <see cref="Value"/> is null for a flag
/// parameter and keeps the quotes of a quoted-string (RFC 3261 section 25.1, generic-param).
/// </summary>
public readonly record struct GenericParameter(string Name, string? Value)
{
    /// <summary>True when the value is a quoted-string.</summary>
    public bool IsQuoted => Value is { Length: > 0 } v && v[0] == '"';

    /// <summary>The value without quotes and quoted-pair escapes; null for a flag parameter.</summary>
    public string? UnquotedValue => Value is null ? null : SipToken.Unquote(Value);

    public override string ToString() => Value is null ? Name : $"{Name}={Value}";
}
