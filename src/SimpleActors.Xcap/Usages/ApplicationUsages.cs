namespace SimpleActors.Xcap.Usages;

/// <summary>The application usages this server supports, by AUID (RFC 4825 section 5.1: the first segment after the XCAP root).</summary>
public static class ApplicationUsages
{
    /// <summary>Every usage, in the order xcap-caps lists them.</summary>
    public static IReadOnlyList<IApplicationUsage> All { get; } =
    [
        XcapCapsUsage.Instance,
        ResourceListsUsage.Instance,
        RlsServicesUsage.Instance,
        PresRulesUsage.Ietf,
        PresRulesUsage.Oma,
        PidfManipulationUsage.Instance,
        XcapDirectoryUsage.Instance,
    ];

    private static readonly Dictionary<string, IApplicationUsage> ByAuid = All.ToDictionary(static u => u.Auid, StringComparer.Ordinal);

    /// <summary>The usage with this AUID (compared exactly), or null: a request for an unknown AUID gets 404.</summary>
    public static IApplicationUsage? Find(string auid)
    {
        ArgumentNullException.ThrowIfNull(auid);
        return ByAuid.GetValueOrDefault(auid);
    }
}
