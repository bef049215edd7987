using SimpleActors.Load.SipLoad;
using SimpleActors.Presence.Rls;
using SimpleActors.Sip.Message;

namespace SimpleActors.Load.Rls;

/// <summary>
/// A list subscriber that reads every NOTIFY whole (multipart/related, RLMI): complete once every resource of its list
/// has had an instance with its part, over as many NOTIFYs as the full state took.
/// </summary>
internal sealed class FullStateSubscriber(UdpAgent agent, string callId, string from, IReadOnlyList<string> resources, bool service)
    : ListSubscriber(agent, callId, from, resources, service)
{
    private readonly TaskCompletionSource complete = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HashSet<string> arrived = new(StringComparer.Ordinal);
    private readonly List<Received> notifies = [];

    /// <summary>One NOTIFY: arrival (Stopwatch ticks), datagram and body bytes, the RLMI version and fullState.</summary>
    public sealed record Received(long At, int Datagram, int Body, uint Version, bool FullState);

    public Task Complete => complete.Task;

    public int Arrived
    {
        get
        {
            lock (arrived)
            {
                return arrived.Count;
            }
        }
    }

    /// <summary>The NOTIFYs until the state was complete.</summary>
    public IReadOnlyList<Received> Notifies
    {
        get
        {
            lock (arrived)
            {
                return [.. notifies];
            }
        }
    }

    protected override void OnListNotify(SipRequest notify, int datagramBytes, long at)
    {
        if (notify.Body.IsEmpty || complete.Task.IsCompleted)
        {
            return;
        }

        var body = MultipartRelated.Read(notify.Body.Span, notify.Headers.GetFirstValue(KnownHeader.ContentType)!);
        var rlmi = RlmiReader.Read(body.Root.Body.Span);
        var parts = body.Parts.Select(p => p.ContentId).ToHashSet(StringComparer.Ordinal);
        lock (arrived)
        {
            notifies.Add(new Received(at, datagramBytes, notify.Body.Length, rlmi.Version, rlmi.FullState));
            foreach (var resource in rlmi.Resources.Where(r => r.Instances.Any(i => i.Cid is { } cid && parts.Contains(cid))))
            {
                arrived.Add(resource.Uri);
            }

            if (arrived.Count >= Size)
            {
                complete.TrySetResult();
            }
        }
    }
}
