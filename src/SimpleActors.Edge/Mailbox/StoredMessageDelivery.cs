using Akka.Actor;
using Microsoft.Extensions.Logging;
using SimpleActors.Edge.Proxy;
using SimpleActors.Engine.Mailbox;
using SimpleActors.Engine.Persistence;
using SimpleActors.Engine.Registration;

namespace SimpleActors.Edge.Mailbox;

/// <summary>
/// Delivers a user's stored pager messages (RFC 3428 leaves storage to the server) when the user comes online: in
/// order, each removed from the Mailbox entity only after a 2xx, stopping at the first failure to keep the order. One
/// delivery runs per AOR at a time; a REGISTER that arrives while one runs asks it to go round once more with the newest
/// bindings. Remembers which AORs may have messages waiting (a hint only), so that a plain refresh of a user who never had
/// one does not wake a mailbox entity.
/// </summary>
public sealed partial class StoredMessageDelivery(
    IActorRef mailboxes, ParallelFork fork, EntityAsk asks, TimeProvider time, ILogger logger, JournalLookup? journal = null)
{
    // AORs this node stored a message for, or failed to deliver to: a hint that their mailbox is not empty.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> mailboxHints = new(StringComparer.Ordinal);

    // The stored-message delivery running for an AOR, at most one at a time.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DeliveryRun> deliveries = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether a REGISTER that left the user <paramref name="bindings"/> should start a delivery: when the user comes online
    /// at a new contact, or on a refresh when this node stored or failed to deliver something for the user.
    /// </summary>
    public bool Worth(string aor, int added) => added > 0 || mailboxHints.ContainsKey(aor) || deliveries.ContainsKey(aor);

    /// <summary>Remembers that the AOR's mailbox may hold messages; a hint only, so it is simply dropped when it grows too big.</summary>
    public void HintPending(string aor)
    {
        if (mailboxHints.Count > 100_000)
        {
            mailboxHints.Clear();
        }

        mailboxHints[aor] = 0;
    }

    /// <summary>Starts delivering the AOR's stored messages to <paramref name="bindings"/>, or asks the running delivery to go round again.</summary>
    public void Start(string aor, IReadOnlyList<Binding> bindings)
    {
        while (true)
        {
            var run = deliveries.GetOrAdd(aor, static (_, b) => new DeliveryRun(b), bindings);
            lock (run)
            {
                if (run.Finished)
                {
                    continue; // it ended as we looked: start a new one
                }

                if (run.Started)
                {
                    run.Bindings = bindings;
                    run.Again = true;
                    return;
                }

                run.Started = true;
            }

            _ = DeliverAsync(aor, run);
            return;
        }
    }

    private async Task DeliverAsync(string aor, DeliveryRun run)
    {
        try
        {
            while (true)
            {
                IReadOnlyList<Binding> bindings;
                lock (run)
                {
                    run.Again = false;
                    bindings = run.Bindings;
                }

                if (await DeliverOnceAsync(aor, bindings).ConfigureAwait(false))
                {
                    mailboxHints.TryRemove(aor, out _);
                }
                else
                {
                    HintPending(aor);
                }

                lock (run)
                {
                    if (!run.Again)
                    {
                        run.Finished = true;
                        deliveries.TryRemove(new KeyValuePair<string, DeliveryRun>(aor, run));
                        return;
                    }
                }
            }
        }
        catch (Exception e) when (e is EntityUnavailableException or IOException or InvalidOperationException)
        {
            HintPending(aor);
            LogDeliveryDeferred(aor, e.Message);
            lock (run)
            {
                run.Finished = true;
                deliveries.TryRemove(new KeyValuePair<string, DeliveryRun>(aor, run));
            }
        }
    }

    /// <summary>Delivers stored messages in order, each removed only after a 2xx; stops at the first failure to keep the order. True when none is left.</summary>
    private async Task<bool> DeliverOnceAsync(string aor, IReadOnlyList<Binding> bindings)
    {
        if (!mailboxHints.ContainsKey(aor) && !await MailboxEverUsedAsync(aor).ConfigureAwait(false))
        {
            return true; // most users never had a message stored: no mailbox entity needs to start to say so
        }

        var pending = await asks.AskAsync<PendingMessages>(mailboxes, new GetPendingMessages(aor)).ConfigureAwait(false);
        foreach (var message in pending.Messages)
        {
            var request = StoredMessageRequest.Create(message, aor);
            if (await fork.SendAsync(request, bindings).ConfigureAwait(false) is not { IsSuccess: true })
            {
                LogDeliveryDeferred(aor, message.MessageId);
                return false;
            }

            await asks.AskAsync<DeliveryAcknowledged>(mailboxes, new AcknowledgeDelivery(aor, message.MessageId, time.GetUtcNow()))
                .ConfigureAwait(false);
            LogDelivered(aor, message.MessageId);
        }

        return true;
    }

    /// <summary>Whether the AOR's mailbox has any event in the journal; true when the journal cannot say.</summary>
    private async Task<bool> MailboxEverUsedAsync(string aor)
    {
        if (journal is null)
        {
            return true;
        }

        try
        {
            return await journal.HasEventsAsync(MailboxActor.PersistenceIdPrefix + aor).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A failed lookup only means the mailbox entity is asked, as it always was.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogDeliveryDeferred(aor, e.Message);
            return true;
        }
    }

    /// <summary>One AOR's delivery of stored messages; guarded by its own lock.</summary>
    private sealed class DeliveryRun(IReadOnlyList<Binding> bindings)
    {
        public IReadOnlyList<Binding> Bindings { get; set; } = bindings;

        public bool Started { get; set; }

        public bool Again { get; set; }

        public bool Finished { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored message {MessageId} delivered to {Aor}")]
    private partial void LogDelivered(string aor, string messageId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery of stored messages to {Aor} deferred: {Why}")]
    private partial void LogDeliveryDeferred(string aor, string why);
}
