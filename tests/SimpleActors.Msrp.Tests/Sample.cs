using SimpleActors.Msrp.Addressing;

namespace SimpleActors.Msrp.Tests;

/// <summary>URIs of RFC 4975 section 11.1 for tests that need some.</summary>
internal static class Sample
{
    public static readonly MsrpUri Alice = MsrpUri.Parse("msrp://alice.example.com:7394/2s93i9ek2a;tcp");

    public static readonly MsrpUri Bob = MsrpUri.Parse("msrp://bob.example.com:8493/si438dsaodes;tcp");

    public static readonly MsrpUri Relay = MsrpUri.Parse("msrps://relay.example.com:2855/hjdhfha;tcp");
}
