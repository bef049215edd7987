using System.Xml.Linq;

namespace SimpleActors.Presence.Rls;

/// <summary>The names of RFC 4662 section 5, and the words its instance states are written as.</summary>
internal static class RlmiNames
{
    public static readonly XNamespace RlmiNs = XNamespace.Get(Rlmi.Namespace);
    public static readonly XName ListName = RlmiNs + "list";
    public static readonly XName ResourceName = RlmiNs + "resource";
    public static readonly XName InstanceName = RlmiNs + "instance";
    public static readonly XName NameName = RlmiNs + "name";
    public static readonly XName LangAttribute = XNamespace.Xml + "lang";

    public static string Word(RlmiInstanceState state) => state switch
    {
        RlmiInstanceState.Active => "active",
        RlmiInstanceState.Pending => "pending",
        RlmiInstanceState.Terminated => "terminated",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    public static RlmiInstanceState? State(string word) => word switch
    {
        "active" => RlmiInstanceState.Active,
        "pending" => RlmiInstanceState.Pending,
        "terminated" => RlmiInstanceState.Terminated,
        _ => null,
    };
}
