using System.Xml.Linq;

namespace SimpleActors.Presence;

/// <summary>The names of RFC 3858, and the lower-case words its enumerations are written as.</summary>
internal static class WatcherInfoNames
{
    public static readonly XNamespace WatcherInfoNs = XNamespace.Get(WatcherInfo.Namespace);
    public static readonly XName WatcherInfoName = WatcherInfoNs + "watcherinfo";
    public static readonly XName WatcherListName = WatcherInfoNs + "watcher-list";
    public static readonly XName WatcherName = WatcherInfoNs + "watcher";

    public static string Word(WatcherInfoState state) => state switch
    {
        WatcherInfoState.Full => "full",
        WatcherInfoState.Partial => "partial",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    public static WatcherInfoState? State(string word) => word switch
    {
        "full" => WatcherInfoState.Full,
        "partial" => WatcherInfoState.Partial,
        _ => null,
    };

    public static string Word(WatcherStatus status) => status switch
    {
        WatcherStatus.Pending => "pending",
        WatcherStatus.Active => "active",
        WatcherStatus.Waiting => "waiting",
        WatcherStatus.Terminated => "terminated",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static WatcherStatus? Status(string word) => word switch
    {
        "pending" => WatcherStatus.Pending,
        "active" => WatcherStatus.Active,
        "waiting" => WatcherStatus.Waiting,
        "terminated" => WatcherStatus.Terminated,
        _ => null,
    };

    public static string Word(WatcherEvent watcherEvent) => watcherEvent switch
    {
        WatcherEvent.Subscribed => "subscribed",
        WatcherEvent.Approved => "approved",
        WatcherEvent.Deactivated => "deactivated",
        WatcherEvent.Probation => "probation",
        WatcherEvent.Rejected => "rejected",
        WatcherEvent.Timeout => "timeout",
        WatcherEvent.Giveup => "giveup",
        WatcherEvent.Noresource => "noresource",
        _ => throw new ArgumentOutOfRangeException(nameof(watcherEvent)),
    };

    public static WatcherEvent? Event(string word) => word switch
    {
        "subscribed" => WatcherEvent.Subscribed,
        "approved" => WatcherEvent.Approved,
        "deactivated" => WatcherEvent.Deactivated,
        "probation" => WatcherEvent.Probation,
        "rejected" => WatcherEvent.Rejected,
        "timeout" => WatcherEvent.Timeout,
        "giveup" => WatcherEvent.Giveup,
        "noresource" => WatcherEvent.Noresource,
        _ => null,
    };
}
