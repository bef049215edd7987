namespace SimpleActors.Edge.Presence;

/// <summary>
/// The final responses this edge's transaction user is about to send in a dialog, by Call-ID: a request an entity sends
/// in that dialog (a NOTIFY) waits until they have left. So the 2xx to a SUBSCRIBE reaches the watcher before the
/// NOTIFY that follows it, as Kamailio and most notifiers do: RFC 6665 section 4.1.2.4 has subscribers cope with the
/// NOTIFY first, but SIPp and many phones do not. The NOTIFY is sent by the edge that holds the dialog's flow, which is
/// the one that got the SUBSCRIBE, so a local table is enough.
/// </summary>
public sealed class PendingAnswers
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Pending> pending = new(StringComparer.Ordinal);

    /// <summary>The transaction user starts on a request of the dialog <paramref name="callId"/>; disposing the handle says its answer left.</summary>
    public IDisposable Begin(string callId)
    {
        ArgumentNullException.ThrowIfNull(callId);
        while (true)
        {
            var entry = pending.GetOrAdd(callId, static _ => new Pending());
            lock (entry)
            {
                if (entry.Count >= 0)
                {
                    entry.Count++;
                    return new Handle(this, callId, entry);
                }
            }

            // That entry was just finished and is leaving the table: take a new one.
        }
    }

    /// <summary>Completes when no answer in the dialog <paramref name="callId"/> is pending (at once when none is).</summary>
    public Task WhenAnswered(string callId) => pending.TryGetValue(callId, out var entry) ? entry.Done.Task : Task.CompletedTask;

    /// <summary>The dialogs with an answer pending (for tests and diagnostics).</summary>
    public int Count => pending.Count;

    private void End(string callId, Pending entry)
    {
        lock (entry)
        {
            if (--entry.Count > 0)
            {
                return;
            }

            entry.Count = -1; // finished: a Begin that finds it takes a new entry
        }

        pending.TryRemove(KeyValuePair.Create(callId, entry));
        entry.Done.TrySetResult();
    }

    private sealed class Pending
    {
        public int Count;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Handle(PendingAnswers owner, string callId, Pending entry) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                owner.End(callId, entry);
            }
        }
    }
}
