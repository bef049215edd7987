using System.Buffers.Text;
using SimpleActors.Load.SipLoad;
using SimpleActors.Sip.Message;

namespace SimpleActors.Load.Rls;

/// <summary>
/// A list subscriber of the load phase: ready once its full state has every instance (RLMI <c>cid</c>s counted); then
/// each NOTIFY's notes (<c>pub-NNNNNNN</c>) are looked up in the journal, without parsing the body, so the client stays
/// light: the latency of each, and per resource the newest change seen.
/// </summary>
internal sealed class LoadSubscriber : ListSubscriber
{
    private readonly TaskCompletionSource fullState = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly PublishJournal journal;
    private readonly int[] lastSeen;
    private int instances;

    public LoadSubscriber(UdpAgent agent, string callId, string from, int[] resources, Resource[] all, PublishJournal journal, bool service)
        : base(agent, callId, from, [.. resources.Select(r => all[r].Uri)], service)
    {
        Resources = resources;
        this.journal = journal;
        lastSeen = new int[resources.Length];
    }

    public int[] Resources { get; }

    public Task FullState => fullState.Task;

    /// <summary>This list's resources whose newest NOTIFYed change is not the last one published (after the drain, a failure).</summary>
    public int Stale()
    {
        lock (lastSeen)
        {
            return Resources.Where((r, slot) => journal.LastAcked(r) is > 0 and var last && lastSeen[slot] != last).Count();
        }
    }

    protected override void OnListNotify(SipRequest notify, int datagramBytes, long at)
    {
        var body = notify.Body.Span;
        if (!fullState.Task.IsCompleted)
        {
            for (var rest = body; rest.IndexOf(" cid=\""u8) is var i and >= 0; rest = rest[(i + 5)..])
            {
                instances++;
            }

            if (instances >= Size)
            {
                fullState.TrySetResult();
            }

            return;
        }

        var seqs = new List<int>(2);
        for (var rest = body; rest.IndexOf("pub-"u8) is var i and >= 0; rest = rest[(i + 4)..])
        {
            if (Utf8Parser.TryParse(rest.Slice(i + 4, 7), out int seq, out var used) && used == 7)
            {
                seqs.Add(seq);
                var slot = Array.IndexOf(Resources, journal.ResourceOf(seq));
                lock (lastSeen)
                {
                    if (slot >= 0 && seq > lastSeen[slot])
                    {
                        lastSeen[slot] = seq;
                    }
                }
            }
        }

        journal.Notified(datagramBytes, at, seqs);
    }
}
