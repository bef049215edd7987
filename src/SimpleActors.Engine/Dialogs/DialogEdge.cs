namespace SimpleActors.Engine.Dialogs;

/// <summary>
/// Which node's edge sends an entity's in-dialog request (a NOTIFY): the edge that holds the dialog's flow, so that the
/// whole client transaction, its Via and the response live where the watcher's socket or connection is (RFC 5626). When
/// that node is gone: this node's own edge, or on a <c>core</c>-only node any edge that is up (a UDP flow can be
/// served from any edge; a lost stream flow is reported back as 503).
/// </summary>
public static class DialogEdge
{
    public const string EdgeRole = "edge";

    /// <summary>The address of the node to send to, or null for this node's own edge.</summary>
    public static string? Choose(string self, bool selfIsEdge, string flowNode, IEnumerable<(string Address, bool IsEdge, bool IsUp)> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (selfIsEdge && string.Equals(flowNode, self, StringComparison.Ordinal))
        {
            return null;
        }

        string? any = null;
        foreach (var (address, isEdge, isUp) in members)
        {
            if (!isEdge || !isUp)
            {
                continue;
            }

            if (string.Equals(address, flowNode, StringComparison.Ordinal))
            {
                return address;
            }

            any ??= address;
        }

        return selfIsEdge ? null : any;
    }
}
