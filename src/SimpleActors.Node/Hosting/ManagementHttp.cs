using System.Net;

namespace SimpleActors.Node.Hosting;

/// <summary>
/// Whether Akka.Management's HTTP endpoint, which Cluster Bootstrap needs to reach the other nodes' contact points, can
/// start in this build. Akka.Management 1.5.73 serves HTTP through Akka.Http.Shim, built against Ceen.Httpd 0.9.9's
/// <c>HttpServer.ListenAsync(IPEndPoint, bool, ServerConfig, CancellationToken)</c>; Ceen.Httpd 0.9.10 (the only version
/// this project's package source serves) takes an <see cref="EndPoint"/> there, and the endpoint fails with
/// MissingMethodException. Checked by the method itself, so a build with a matching Ceen.Httpd passes.
/// </summary>
internal static class ManagementHttp
{
    public static bool IsUsable()
    {
        var server = Type.GetType("Ceen.Httpd.HttpServer, Ceen.Httpd");
        var config = Type.GetType("Ceen.Httpd.ServerConfig, Ceen.Httpd");
        Type[] wanted = [typeof(IPEndPoint), typeof(bool), config!, typeof(CancellationToken)];
        // Exact parameter types: GetMethod(name, types) would also take the EndPoint overload, IPEndPoint being one.
        return server is not null && config is not null
            && server.GetMethods().Any(m => m.Name == "ListenAsync" && m.GetParameters().Select(p => p.ParameterType).SequenceEqual(wanted));
    }
}
