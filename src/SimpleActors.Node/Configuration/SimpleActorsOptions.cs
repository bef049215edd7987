using SimpleActors.Edge.Configuration;
using SimpleActors.Engine.Persistence;
using SimpleActors.Engine.Registration;

namespace SimpleActors.Node.Configuration;

/// <summary>The whole configuration of a node, bound from the root of the configuration.</summary>
public sealed class SimpleActorsOptions
{
    /// <summary>The domains served when none are configured.</summary>
    public static readonly IReadOnlyList<string> DefaultDomains = ["example.com"];

    /// <summary>The SIP domains this server is responsible for. Empty means <see cref="DefaultDomains"/>.</summary>
    public IList<string> Domains { get; } = [];

    /// <summary>Where the embedded database and other local state live; relative to the current directory.</summary>
    public string DataDirectory { get; set; } = "data";

    public ClusterOptions Cluster { get; set; } = new();

    public PersistenceOptions Persistence { get; set; } = new();

    public SipOptions Sip { get; set; } = new();

    public AuthOptions Auth { get; set; } = new();

    public RegistrarOptions Registrar { get; set; } = new();

    public PresenceOptions Presence { get; set; } = new();

    public AdminOptions Admin { get; set; } = new();

    public XcapOptions Xcap { get; set; } = new();

    public MemoryOptions Memory { get; set; } = new();

    /// <summary>
    /// Fills the lists left empty with their defaults. Lists get their defaults here rather than
    /// in initializers because the configuration binder appends to a list, it never replaces one.
    /// </summary>
    public void ApplyDefaults()
    {
        AddIfEmpty(Domains, DefaultDomains);
        AddIfEmpty(Cluster.Roles, ClusterOptions.DefaultRoles);
    }

    private static void AddIfEmpty(IList<string> list, IReadOnlyList<string> defaults)
    {
        if (list.Count == 0)
        {
            foreach (var item in defaults)
            {
                list.Add(item);
            }
        }
    }
}
