namespace SimpleActors.Msrp.Cpim;

/// <summary>
/// The value of a From, To or cc header (RFC 3862 sections 4.1 to 4.3): <c>[ Formal-name ] "&lt;" URI "&gt;"</c>, e.g.
/// <c>MR SANDERS &lt;im:piglet@100akerwood.com&gt;</c>.
/// </summary>
/// <param name="DisplayName">The formal name, unquoted and unescaped; null when there is none (an empty one reads as none).</param>
/// <param name="Uri">The URI between the angle brackets, as written (an <c>im:</c>, <c>sip:</c>, <c>tel:</c> ... URI).</param>
public sealed record CpimAddress(string? DisplayName, string Uri)
{
    /// <summary>An address without a display name.</summary>
    public CpimAddress(string uri)
        : this(null, uri)
    {
    }

    public override string ToString() => DisplayName is null ? $"<{Uri}>" : $"\"{DisplayName}\" <{Uri}>";
}
