using System.Security.Cryptography;
using Akka.Actor;
using Akka.Cluster.Sharding;
using SimpleActors.Engine.Entities;
using SimpleActors.Engine.Presence;
using SimpleActors.Xcap;
using SimpleActors.Xcap.Operations;
using SimpleActors.Xcap.Usages;

namespace SimpleActors.Engine.Xcap;

/// <summary>
/// The XcapDocument entity of one document selector (RFC 4825 section 6.2): runs each request through the pure
/// <see cref="XcapOperation"/> on the stored document, persists a change as an <see cref="XcapDocumentEdited"/> with a
/// new entity tag (RFC 4825 section 8.5: a new ETag on every change), and answers once it is in the journal. The
/// documents the presence service reads (pres-rules, pidf-manipulation) are handed to the owner's presentity after
/// every change and again after every start, until the presentity says it holds that version. Passivates when idle
/// (the region's idle passivation) or when the document is deleted.
/// </summary>
public sealed class XcapDocumentActor : EventSourcedEntity<XcapDocumentState, IXcapDocumentEvent>
{
    /// <summary>How long a write of an rls-services document waits for the index to grant its service URIs.</summary>
    private static readonly TimeSpan ClaimWithin = TimeSpan.FromSeconds(5);

    private (Action Granted, Action<IReadOnlyList<RlsServiceConflict>> Refused, IActorRef Sender)? claiming;
    private ICancelable? claimTimer;

    /// <summary>The prefix of every XcapDocument persistence id.</summary>
    public const string PersistenceIdPrefix = "xcap|";

    private static readonly TimeSpan RetellEvery = TimeSpan.FromSeconds(5);

    /// <summary>How long an answer waits for the presentity to hold the new version of a document it reads.</summary>
    private static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(3);

    private readonly List<Action> waiting = [];

    private readonly XcapDocumentSelector? selector;
    private readonly IActorRef? presentities;
    private string? presentityHolds;
    private bool presentityAnswered;

    // Whether the owner's presentity last said an xcap-diff subscription watches: only then is a change's patch made.
    private bool patchesWanted;
    private ICancelable? retell;
    private ICancelable? answerTimer;

    public XcapDocumentActor(string selector, TimeProvider clock, int snapshotEvery, IActorRef? presentities)
        : base(PersistenceIdPrefix + selector, XcapDocumentState.Empty(selector), clock, snapshotEvery)
    {
        this.selector = XcapDocumentSelector.TryParse(selector, out var parsed) ? parsed : null;
        this.presentities = presentities;
    }

    public static Props Props(string selector, TimeProvider? clock = null, int snapshotEvery = 20, IActorRef? presentities = null) =>
        EntityProps.Of(() => new XcapDocumentActor(selector, clock ?? TimeProvider.System, snapshotEvery, presentities));

    /// <summary>
    /// The owner's presentity, for a document in a user's tree whose XUI is a SIP AOR: it lists the user's documents (the
    /// XCAP directory, xcap-diff) and reads some (RFC 5025 rules, RFC 4827 hard state). Null for global documents.
    /// </summary>
    private string? Presentity =>
        selector is { Xui: { } xui } && Sip.Message.SipUri.TryParse(xui, out var uri) && uri.IsSip && uri.User is not null ? uri.AorString : null;

    protected override void AfterRecovery()
    {
        // The presentity may have missed the last version (its node stopped between our write and its own): tell it again.
        if (Presentity is not null && State.Edits > 0)
        {
            TellPresentity();
        }
    }

    protected override void PostStop()
    {
        retell?.Cancel();
        answerTimer?.Cancel();
        claimTimer?.Cancel();
        base.PostStop();
    }

    protected override bool OnEntityCommand(object message)
    {
        // While the rls-services index decides on a write, the next requests wait (their answers depend on it).
        if (claiming is not null && message is XcapDocumentRequest or SetWatcherDecision)
        {
            Stash.Stash();
            return true;
        }

        switch (message)
        {
            case RlsServicesClaim claim when claiming is { } pending:
                claiming = null;
                claimTimer?.Cancel();
                if (claim.Granted)
                {
                    pending.Granted();
                }
                else
                {
                    pending.Refused(claim.Conflicts);
                }

                Stash.UnstashAll();
                return true;
            case ClaimTimedOut when claiming is { } late:
                claiming = null;
                late.Sender.Tell(new XcapDocumentAnswer(503, "text/plain", "the rls-services index did not answer, try again\n"u8.ToArray(), State.ETag, null));
                Stash.UnstashAll();
                return true;
            case RlsServicesClaim or ClaimTimedOut:
                return true; // a late answer to a claim already given up
            case XcapDocumentRequest request:
                Execute(request);
                return true;
            case SetWatcherDecision decision:
                SetDecision(decision);
                return true;
            case OwnerDocumentTaken taken:
                presentityAnswered = true;
                presentityHolds = taken.ETag;
                patchesWanted = taken.WantsPatches;
                if (taken.ETag == State.ETag)
                {
                    retell?.Cancel();
                    retell = null;
                    AnswerWaiting();
                }

                return true;
            case AnswerNow:
                AnswerWaiting();
                return true;
            case Retell:
                retell = null;
                if (presentityHolds != State.ETag || !presentityAnswered)
                {
                    TellPresentity();
                }

                return true;
            default:
                return false;
        }
    }

    protected override IReadOnlyList<IXcapDocumentEvent> Expire(XcapDocumentState state, DateTimeOffset now) => [];

    private void Execute(XcapDocumentRequest request)
    {
        var sender = Sender;
        if (selector is null || ApplicationUsages.Find(selector.Auid) is not { } usage)
        {
            sender.Tell(new XcapDocumentAnswer(404, null, [], null, null));
            return;
        }

        if (!XcapUri.TryParseTarget(request.Target, new Uri(request.RootUri).AbsolutePath, out var uri, out var error)
            || uri.DocumentSelector.ToString() != State.Selector)
        {
            sender.Tell(new XcapDocumentAnswer(error?.StatusCode ?? 404, "text/plain", System.Text.Encoding.UTF8.GetBytes((error?.Reason ?? "not this document") + "\n"), null, null));
            return;
        }

        var current = State.Document is { } document ? new XcapStoredDocument(document, State.ETag!) : null;
        var answer = XcapOperation.Execute(
            new XcapRequest(request.Method, uri)
            {
                ContentType = request.ContentType, Body = request.Body, IfMatch = request.IfMatch, IfNoneMatch = request.IfNoneMatch, XcapRootUrl = request.RootUri,
            },
            current, usage, NewETag());
        var reply = new XcapDocumentAnswer(answer.StatusCode, answer.ContentType, answer.Body.ToArray(), answer.ETag, answer.Allow);
        if (answer.Change.Kind == XcapChangeKind.None)
        {
            sender.Tell(reply);
            return;
        }

        var written = answer.Change.Kind == XcapChangeKind.Written ? answer.Change.Content.ToArray() : null;
        var edited = new XcapDocumentEdited(
            State.Selector, request.Method, request.Target, request.ContentType, request.Body, written, written is null ? null : answer.ETag, request.By,
            Clock.GetUtcNow());
        if (usage.Auid == RlsServicesUsage.Instance.Auid && selector.Xui is not null)
        {
            // RFC 4826 section 4.4.5: a service URI is unique across all users; the index decides before the write.
            var uris = written is null ? [] : RlsServicesUsage.ServiceUris(System.Xml.Linq.XDocument.Parse(System.Text.Encoding.UTF8.GetString(written)));
            Claim(uris, () => Changed(edited, () => sender.Tell(reply)), conflicts => sender.Tell(UniquenessFailure(conflicts)), sender);
            return;
        }

        Changed(edited, () => sender.Tell(reply));
    }

    private void Claim(IReadOnlyList<string> uris, Action granted, Action<IReadOnlyList<RlsServiceConflict>> refused, IActorRef sender)
    {
        claiming = (granted, refused, sender);
        var region = ClusterSharding.Get(Context.System).ShardRegion(Sharding.XcapDocumentRegion.Name);
        region.Tell(new ClaimRlsServices(RlsServicesIndex.Selector, State.Selector, uris), Self);
        claimTimer?.Cancel();
        claimTimer = Context.System.Scheduler.ScheduleTellOnceCancelable(ClaimWithin, Self, ClaimTimedOut.Instance, Self);
    }

    /// <summary>The 409 of a service URI another user's document defines (RFC 4826 section 4.4.5), with free alternatives.</summary>
    private XcapDocumentAnswer UniquenessFailure(IReadOnlyList<RlsServiceConflict> conflicts)
    {
        var error = new SimpleActors.Xcap.Errors.XcapError(SimpleActors.Xcap.Errors.XcapErrorKind.UniquenessFailure, "service URI defined by another user")
        {
            Fields = [.. conflicts.Select(c => new SimpleActors.Xcap.Errors.UniquenessField($"rls-services/service[@uri=\"{c.Uri}\"]/@uri", c.Alternative is null ? [] : [c.Alternative]))],
        };
        return new XcapDocumentAnswer(409, SimpleActors.Xcap.Errors.XcapErrorDocument.MediaType, SimpleActors.Xcap.Errors.XcapErrorDocument.Write(error), State.ETag, null);
    }

    /// <summary>The admin API's decision, written as a rule of the owner's pres-rules (RFC 5025 section 3.2.1).</summary>
    private void SetDecision(SetWatcherDecision command)
    {
        var sender = Sender;
        var (document, parsed, failure) = PresenceRulesDocument.WithDecision(State.Document, command.Watcher, command.Decision);
        if (selector is null || ApplicationUsages.Find(selector.Auid) is not { } usage)
        {
            sender.Tell(new XcapDocumentAnswer(404, null, [], null, null));
            return;
        }

        if (failure is not null || usage.Validate(parsed!, selector) is not null)
        {
            var reason = failure ?? $"the rule breaks the document: {usage.Validate(parsed!, selector)}";
            sender.Tell(new XcapDocumentAnswer(409, "text/plain", System.Text.Encoding.UTF8.GetBytes(reason), State.ETag, null));
            return;
        }

        var etag = NewETag();
        var created = State.Document is null;
        var edited = new XcapDocumentEdited(State.Selector, "PUT", State.Selector, usage.MimeType, [], document, etag, command.By, Clock.GetUtcNow());
        Changed(edited, () => sender.Tell(new XcapDocumentAnswer(created ? 201 : 200, null, [], etag, null)));
    }

    /// <summary>
    /// Persists the edit, then answers: at once for a document only XCAP reads; for one the presence service reads, once
    /// the presentity holds the new version (so a SUBSCRIBE after the answer meets the new rules), or after
    /// <see cref="AnswerWithin"/> at the latest (the presentity is told again until it holds it).
    /// </summary>
    private void Changed(XcapDocumentEdited edited, Action reply)
    {
        var (previous, previousETag) = (State.Document, State.ETag);
        PersistThen([edited], () =>
        {
            if (Presentity is null || PresentityRegion() is null)
            {
                reply();
                return;
            }

            // A deleted document passivates its entity at once: its answer cannot wait.
            if (edited.Document is null)
            {
                reply();
            }
            else
            {
                waiting.Add(reply);
            }

            presentityAnswered = false;
            TellPresentity(previousETag, patchesWanted ? XcapDocumentPatch.Between(previous, edited.Document) : []);
            answerTimer?.Cancel();
            answerTimer = Context.System.Scheduler.ScheduleTellOnceCancelable(AnswerWithin, Self, AnswerNow.Instance, Self);
        });
    }

    private void AnswerWaiting()
    {
        foreach (var reply in waiting)
        {
            reply();
        }

        waiting.Clear();
    }

    /// <summary>Tells the owner's presentity the current version (the document itself only if the presence service reads it).</summary>
    private void TellPresentity(string? previousETag = null, IReadOnlyList<string>? patch = null)
    {
        if (Presentity is not { } aor || selector is null)
        {
            return;
        }

        if (PresentityRegion() is not { } region)
        {
            return;
        }

        var document = OwnerDocument.IsKept(selector.Auid) ? State.Document : null;
        region.Tell(new OwnerDocumentChanged(aor, State.Selector, selector.Auid, State.ETag, document, Clock.GetUtcNow(), previousETag, patch ?? []), Self);
        retell?.Cancel();
        retell = Context.System.Scheduler.ScheduleTellOnceCancelable(RetellEvery, Self, Retell.Instance, Self);
    }

    /// <summary>The presentity region (a probe in tests), or null on a system without one (a lone entity in a test).</summary>
    private IActorRef? PresentityRegion()
    {
        if (presentities is not null)
        {
            return presentities;
        }

        try
        {
            return ClusterSharding.Get(Context.System).ShardRegion(Sharding.PresentityRegion.Name);
        }
        catch (Exception e) when (e is ArgumentException or Akka.Configuration.ConfigurationException)
        {
            return null;
        }
    }

    /// <summary>A fresh, unguessable entity tag (RFC 4825 section 7.11; RFC 9110 section 8.8.3: opaque).</summary>
    private static string NewETag() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    private sealed class Retell
    {
        public static readonly Retell Instance = new();
    }

    private sealed class AnswerNow
    {
        public static readonly AnswerNow Instance = new();
    }

    private sealed class ClaimTimedOut
    {
        public static readonly ClaimTimedOut Instance = new();
    }
}
