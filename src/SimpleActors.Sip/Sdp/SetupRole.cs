namespace SimpleActors.Sip.Sdp;

/// <summary>
/// The <c>a=setup</c> attribute: which end opens the TCP connection (RFC 4145 section 4; used for MSRP by RFC 6135).
/// </summary>
public enum SetupRole
{
    /// <summary><c>active</c>: this end opens the connection.</summary>
    Active,

    /// <summary><c>passive</c>: this end accepts the connection.</summary>
    Passive,

    /// <summary><c>actpass</c>: either; only in an offer, where RFC 6135 asks MSRP offers to use it.</summary>
    ActPass,

    /// <summary><c>holdconn</c>: no connection for now.</summary>
    HoldConn,
}

/// <summary>The tokens of <see cref="SetupRole"/>.</summary>
internal static class SetupRoleText
{
    public static string ToToken(this SetupRole role) => role switch
    {
        SetupRole.Active => "active",
        SetupRole.Passive => "passive",
        SetupRole.ActPass => "actpass",
        SetupRole.HoldConn => "holdconn",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    // RFC 4145 section 4: role = "active" / "passive" / "actpass" / "holdconn"; ABNF strings are case-insensitive.
    public static bool TryParse(string text, out SetupRole role)
    {
        foreach (var candidate in (ReadOnlySpan<SetupRole>)[SetupRole.Active, SetupRole.Passive, SetupRole.ActPass, SetupRole.HoldConn])
        {
            if (text.AsSpan().Trim().Equals(candidate.ToToken(), StringComparison.OrdinalIgnoreCase))
            {
                role = candidate;
                return true;
            }
        }

        role = default;
        return false;
    }
}
