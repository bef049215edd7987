using SimpleActors.Sip.Message;

namespace SimpleActors.Sip.Dialogs;

/// <summary>
/// The Request-URI and Route header fields of a request inside a dialog (RFC 3261 section 12.2.1.1). With no route set,
/// the remote target and no Route. When the first route is a loose router (<c>lr</c>), the remote target and the whole
/// route set as Route. Otherwise (a strict router, RFC 2543) the first route's URI without the parameters a
/// Request-URI may not carry, and the rest of the route set with the remote target last as Route.
/// </summary>
public static class DialogRoute
{
    public static (string RequestUri, IReadOnlyList<string> Routes) For(string remoteTarget, IReadOnlyList<string> routeSet)
    {
        ArgumentNullException.ThrowIfNull(routeSet);
        if (routeSet.Count == 0)
        {
            return (remoteTarget, []);
        }

        var first = NameAddress.Parse(routeSet[0]);
        if (first.Uri.IsLooseRouting)
        {
            return (remoteTarget, routeSet);
        }

        // Section 12.2.1.1 (strict routing): "any parameters that are not allowed in a Request-URI" are stripped; of
        // the URI parameters of section 19.1.1, method is the one not allowed there (the others are), and a strict
        // router takes the rest of its route from the Route header field.
        var requestUri = first.Uri.WithoutParameter("method").ToString();
        return (requestUri, [.. routeSet.Skip(1), $"<{remoteTarget}>"]);
    }
}
