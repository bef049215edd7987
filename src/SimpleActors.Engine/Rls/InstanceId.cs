using System.Text;

namespace SimpleActors.Engine.Rls;

/// <summary>
/// The id of a resource's instance (RFC 4662 section 5.4: unique in its resource, stable across the NOTIFYs of a
/// subscription): a hash of the resource's URI, with the instance's generation after the first (a terminated instance
/// that starts again is a new one). The same on every node and after a restart.
/// </summary>
public static class InstanceId
{
    public static string Of(string uri, int generation)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(uri))
        {
            hash = (hash ^ b) * 16777619u;
        }

        var id = hash.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        return generation == 0 ? id : id + "-" + generation.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
