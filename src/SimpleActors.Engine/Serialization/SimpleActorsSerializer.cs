using System.Collections.Frozen;
using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Serialization;
using Google.Protobuf;
using SimpleActors.Engine.Dialogs;
using SimpleActors.Engine.Entities;
using SimpleActors.Engine.Mailbox;
using SimpleActors.Engine.Presence;
using SimpleActors.Engine.Registration;
using SimpleActors.Engine.Relay;
using SimpleActors.Engine.Subscription;
using SimpleActors.Engine.Xcap;
using SimpleActors.Engine.Serialization.Proto;
using static SimpleActors.Engine.Serialization.ProtoMapping;

namespace SimpleActors.Engine.Serialization;

/// <summary>
/// The one project serializer: every <see cref="IEngineSerializable"/> (events, snapshots, sharded
/// commands, queries and replies) as protobuf with a short, stable string manifest. The manifests and
/// <see cref="Id"/> are written into the journal: never change or reuse one; a changed schema gets a
/// new manifest (e.g. <c>RB2</c>) and the old one stays readable.
/// </summary>
public sealed class SimpleActorsSerializer : SerializerWithStringManifest
{
    /// <summary>The serializer identifier stored with every journal row and remote message.</summary>
    public const int Id = 4242;

    private static readonly Entry[] Entries =
    [
        // Registration: commands and replies
        Entry.Of<Register, RegisterData>("RQ1", ToProto, FromProto, RegisterData.Parser),
        Entry.Of<GetBindings, GetBindingsData>("RG1", ToProto, FromProto, GetBindingsData.Parser),
        Entry.Of<RegisterResult, RegisterResultData>("RP1", ToProto, FromProto, RegisterResultData.Parser),
        Entry.Of<CurrentBindings, CurrentBindingsData>("RC1", ToProto, FromProto, CurrentBindingsData.Parser),

        // Registration: events and snapshot
        Entry.Of<BindingAdded, BindingAddedData>("RB1", ToProto, FromProto, BindingAddedData.Parser),
        Entry.Of<BindingRefreshed, BindingRefreshedData>("RF1", ToProto, FromProto, BindingRefreshedData.Parser),
        Entry.Of<BindingRemoved, BindingRemovedData>("RR1", ToProto, FromProto, BindingRemovedData.Parser),
        Entry.Of<RegistrationState, RegistrationStateData>("RS1", ToProto, FromProto, RegistrationStateData.Parser),
        Entry.Of<ShardMembersChanged, ShardMembersChangedData>(
            "RJ1", ToProto, FromProto, ShardMembersChangedData.Parser),
        Entry.Of<ShardMembers, ShardMembersData>("RM1", ToProto, FromProto, ShardMembersData.Parser),

        // Mailbox: commands and replies
        Entry.Of<StoreMessage, StoreMessageData>("MC1", ToProto, FromProto, StoreMessageData.Parser),
        Entry.Of<GetPendingMessages, GetPendingMessagesData>("MG1", ToProto, FromProto, GetPendingMessagesData.Parser),
        Entry.Of<AcknowledgeDelivery, MessageIdAtData>(
            "MA1", m => IdAt(m.Aor, m.MessageId, m.At), d => new AcknowledgeDelivery(d.Aor, d.MessageId, Time(d.AtTicks)), MessageIdAtData.Parser),
        Entry.Of<MessageStored, MessageIdData>(
            "MR1", m => Id(m.Aor, m.MessageId), d => new MessageStored(d.Aor, d.MessageId), MessageIdData.Parser),
        Entry.Of<PendingMessages, PendingMessagesData>("MP1", ToProto, FromProto, PendingMessagesData.Parser),
        Entry.Of<DeliveryAcknowledged, MessageIdData>(
            "MK1", m => Id(m.Aor, m.MessageId), d => new DeliveryAcknowledged(d.Aor, d.MessageId), MessageIdData.Parser),

        // Mailbox: events and snapshot
        Entry.Of<MessageQueued, MessageQueuedData>("MQ1", ToProto, FromProto, MessageQueuedData.Parser),
        Entry.Of<MessageDelivered, MessageIdAtData>(
            "MD1", e => IdAt(e.Aor, e.MessageId, e.At), d => new MessageDelivered(d.Aor, d.MessageId, Time(d.AtTicks)), MessageIdAtData.Parser),
        Entry.Of<MessageExpired, MessageIdAtData>(
            "MX1", e => IdAt(e.Aor, e.MessageId, e.At), d => new MessageExpired(d.Aor, d.MessageId, Time(d.AtTicks)), MessageIdAtData.Parser),
        Entry.Of<MailboxState, MailboxStateData>("MS1", ToProto, FromProto, MailboxStateData.Parser),

        // Presentity: commands, replies, events and snapshot
        Entry.Of<Publish, PublishData>("PQ1", ToProto, FromProto, PublishData.Parser),
        Entry.Of<PublishResult, PublishResultData>("PP1", ToProto, FromProto, PublishResultData.Parser),
        Entry.Of<PublicationAdded, PublicationAddedData>("PA1", ToProto, FromProto, PublicationAddedData.Parser),
        Entry.Of<PublicationRefreshed, PublicationRefreshedData>("PF1", ToProto, FromProto, PublicationRefreshedData.Parser),
        Entry.Of<PublicationModified, PublicationModifiedData>("PM1", ToProto, FromProto, PublicationModifiedData.Parser),
        Entry.Of<PublicationRemoved, PublicationRemovedData>("PR1", ToProto, FromProto, PublicationRemovedData.Parser),
        Entry.Of<PresentityState, PresentityStateData>("PS1", ToProto, FromProto, PresentityStateData.Parser),
        Entry.Of<Watch, WatcherChangeData>(
            "PW1", m => Change(m.Aor, m.SubscriptionId, m.Watcher, m.At, m.Package, m.Status, m.ExpiresAt, m.Request),
            d => new Watch(
                d.Aor, d.SubscriptionId, d.WatcherOrReason, Time(d.AtTicks), EventPackages.OrPresence(d.Package), StatusOf(d), Time(d.ExpiresAtTicks),
                RequestOf(d)),
            WatcherChangeData.Parser),
        Entry.Of<Unwatch, WatcherChangeData>(
            "PU1", m => Change(m.Aor, m.SubscriptionId, m.Reason, m.At, m.Request),
            d => new Unwatch(d.Aor, d.SubscriptionId, d.WatcherOrReason, Time(d.AtTicks), RequestOf(d)),
            WatcherChangeData.Parser),
        Entry.Of<WatcherAdded, WatcherChangeData>(
            "PWA1", e => Change(e.Aor, e.SubscriptionId, e.Watcher, e.At, e.Package, e.Status, e.ExpiresAt, e.Request),
            d => new WatcherAdded(
                d.Aor, d.SubscriptionId, d.WatcherOrReason, Time(d.AtTicks), EventPackages.OrPresence(d.Package), StatusOf(d), Time(d.ExpiresAtTicks),
                RequestOf(d)),
            WatcherChangeData.Parser),
        Entry.Of<WatcherRemoved, WatcherChangeData>(
            "PWR1", e => Change(e.Aor, e.SubscriptionId, e.Reason, e.At, e.Request),
            d => new WatcherRemoved(d.Aor, d.SubscriptionId, d.WatcherOrReason, Time(d.AtTicks), RequestOf(d)),
            WatcherChangeData.Parser),
        Entry.Of<WakeAt, WatcherChangeData>(
            "PK1", m => Change(m.Aor, m.SubscriptionId, string.Empty, m.ExpiresAt), d => new WakeAt(d.Aor, d.SubscriptionId, Time(d.AtTicks)),
            WatcherChangeData.Parser),
        Entry.Of<PresenceDocument, PresenceDocumentData>("PD1", ToProto, FromProto, PresenceDocumentData.Parser),
        Entry.Of<AuthorizeWatcher, WatcherDecisionData>(
            "PZ1", m => Decision(m.Aor, m.Watcher, m.Decision, m.By, m.At),
            d => new AuthorizeWatcher(d.Aor, d.Watcher, (AuthorizationDecision)d.Decision, d.HasBy ? d.By : null, Time(d.AtTicks)),
            WatcherDecisionData.Parser),
        Entry.Of<WatcherAuthorized, WatcherDecisionData>(
            "PV1", e => Decision(e.Aor, e.Watcher, e.Decision, e.By, e.At),
            d => new WatcherAuthorized(d.Aor, d.Watcher, (AuthorizationDecision)d.Decision, d.HasBy ? d.By : null, Time(d.AtTicks)),
            WatcherDecisionData.Parser),
        Entry.Of<WatcherAuthorization, WatcherAuthorizationData>(
            "PY1", r => new WatcherAuthorizationData { Aor = r.Aor, Watcher = r.Watcher, Decision = (int)r.Decision, Subscriptions = r.Subscriptions },
            d => new WatcherAuthorization(d.Aor, d.Watcher, (AuthorizationDecision)d.Decision, d.Subscriptions),
            WatcherAuthorizationData.Parser),
        Entry.Of<OwnerDocumentChanged, OwnerDocumentData>("PO1", ToProto, ToOwnerDocumentChanged, OwnerDocumentData.Parser),
        Entry.Of<OwnerDocumentSet, OwnerDocumentData>("PE1", ToProto, ToOwnerDocumentSet, OwnerDocumentData.Parser),
        Entry.Of<OwnerDocumentTaken, OwnerDocumentTakenData>(
            "PT1", ToProto, d => new OwnerDocumentTaken(d.Aor, d.Selector, d.HasEtag ? d.Etag : null, d.WantsPatches), OwnerDocumentTakenData.Parser),
        Entry.Of<WatcherStatusesChanged, WatcherStatusesData>(
            "PX1", ToProto, d => new WatcherStatusesChanged(d.Aor, d.Statuses.ToDictionary(s => s.Key, s => (SubscriptionStatus)s.Value, StringComparer.Ordinal), Time(d.AtTicks)),
            WatcherStatusesData.Parser),

        // Subscription: commands, replies, events and snapshot
        Entry.Of<Subscribe, SubscribeData>("SQ1", ToProto, FromProto, SubscribeData.Parser),
        Entry.Of<SubscribeResult, SubscribeResultData>("SP1", ToProto, FromProto, SubscribeResultData.Parser),
        Entry.Of<PresenceChanged, PresenceChangedData>("SN1", ToProto, FromProto, PresenceChangedData.Parser),
        Entry.Of<WakeSubscription, SubscriptionWakeData>(
            "SK1", m => new SubscriptionWakeData { SubscriptionId = m.SubscriptionId }, d => new WakeSubscription(d.SubscriptionId),
            SubscriptionWakeData.Parser),
        Entry.Of<WatcherInfoSnapshot, WatcherInfoData>(
            "SW1", m => ToProto(m.SubscriptionId, m.Presentity, m.Watchers), d => new WatcherInfoSnapshot(d.SubscriptionId, d.Presentity, FromProto(d.Watchers)),
            WatcherInfoData.Parser),
        Entry.Of<WatchersChanged, WatcherInfoData>(
            "SX1", m => ToProto(m.SubscriptionId, m.Presentity, m.Watchers), d => new WatchersChanged(d.SubscriptionId, d.Presentity, FromProto(d.Watchers)),
            WatcherInfoData.Parser),
        Entry.Of<SubscriptionCreated, SubscriptionCreatedData>("SC1", ToProto, FromProto, SubscriptionCreatedData.Parser),
        Entry.Of<SubscriptionRefreshed, SubscriptionRefreshedData>("SF1", ToProto, FromProto, SubscriptionRefreshedData.Parser),
        Entry.Of<NotifyIssued, NotifyIssuedData>("SI1", ToProto, FromProto, NotifyIssuedData.Parser),
        Entry.Of<NotifyCSeqsReleased, NotifyCSeqsReleasedData>(
            "SL1", e => new NotifyCSeqsReleasedData { SubscriptionId = e.SubscriptionId, LastCseq = e.LastCSeq, Version = e.Version, AtTicks = Ticks(e.At) },
            d => new NotifyCSeqsReleased(d.SubscriptionId, d.LastCseq, d.Version, Time(d.AtTicks)),
            NotifyCSeqsReleasedData.Parser),
        Entry.Of<SubscriptionTerminated, SubscriptionTerminatedData>("ST1", ToProto, FromProto, SubscriptionTerminatedData.Parser),
        Entry.Of<SubscriptionState, SubscriptionStateData>("SS1", ToProto, FromProto, SubscriptionStateData.Parser),
        Entry.Of<ApplyAuthorization, ApplyAuthorizationData>(
            "SA1", m => m.Presentity is { } presentity
                ? new ApplyAuthorizationData { SubscriptionId = m.SubscriptionId, Decision = (int)m.Decision, AtTicks = Ticks(m.At), Presentity = presentity }
                : new ApplyAuthorizationData { SubscriptionId = m.SubscriptionId, Decision = (int)m.Decision, AtTicks = Ticks(m.At) },
            d => new ApplyAuthorization(d.SubscriptionId, (AuthorizationDecision)d.Decision, Time(d.AtTicks), d.HasPresentity ? d.Presentity : null),
            ApplyAuthorizationData.Parser),
        Entry.Of<XcapDocumentsSnapshot, XcapDocumentsData>(
            "SY1", m => ToProto(m.SubscriptionId, m.Presentity, m.Documents), d => new XcapDocumentsSnapshot(d.SubscriptionId, d.Presentity, FromProto(d)),
            XcapDocumentsData.Parser),
        Entry.Of<XcapDocumentsChanged, XcapDocumentsData>(
            "SZ1", m => ToProto(m.SubscriptionId, m.Presentity, m.Documents), d => new XcapDocumentsChanged(d.SubscriptionId, d.Presentity, FromProto(d)),
            XcapDocumentsData.Parser),
        Entry.Of<GetOwnerDocuments, OwnerDocumentTakenData>(
            "PG1", m => new OwnerDocumentTakenData { Aor = m.Aor }, d => new GetOwnerDocuments(d.Aor), OwnerDocumentTakenData.Parser),
        Entry.Of<OwnerDocumentList, XcapDocumentsData>(
            "PL1", m => ToProto(m.Aor, m.Aor, m.Documents), d => new OwnerDocumentList(d.SubscriptionId, FromProto(d)), XcapDocumentsData.Parser),
        Entry.Of<SubscriptionAuthorized, SubscriptionAuthorizedData>(
            "SU1", e => new SubscriptionAuthorizedData { SubscriptionId = e.SubscriptionId, Status = (int)e.Status, Polite = e.Polite, AtTicks = Ticks(e.At) },
            d => new SubscriptionAuthorized(d.SubscriptionId, (SubscriptionStatus)d.Status, d.Polite, Time(d.AtTicks)),
            SubscriptionAuthorizedData.Parser),

        // XcapDocument: commands, replies, events and snapshot
        Entry.Of<XcapDocumentRequest, XcapDocumentRequestData>("XQ1", ToProto, FromProto, XcapDocumentRequestData.Parser),
        Entry.Of<XcapDocumentAnswer, XcapDocumentAnswerData>("XA1", ToProto, FromProto, XcapDocumentAnswerData.Parser),
        Entry.Of<XcapDocumentEdited, XcapDocumentEditedData>("XE1", ToProto, FromProto, XcapDocumentEditedData.Parser),
        Entry.Of<XcapDocumentState, XcapDocumentStateData>("XS1", ToProto, FromProto, XcapDocumentStateData.Parser),
        Entry.Of<ClaimRlsServices, RlsServicesData>(
            "XC1", m => Services(m.Selector, m.Owner, m.Uris, default), d => new ClaimRlsServices(d.Selector, d.Owner, [.. d.Uris]), RlsServicesData.Parser),
        Entry.Of<RlsServicesClaimed, RlsServicesData>(
            "XR1", e => Services(RlsServicesIndex.Selector, e.Owner, e.Uris, e.At), d => new RlsServicesClaimed(d.Owner, [.. d.Uris], Time(d.AtTicks)),
            RlsServicesData.Parser),
        Entry.Of<RlsServicesClaim, RlsServicesClaimData>("XK1", ToProto, FromProto, RlsServicesClaimData.Parser),
        Entry.Of<RlsServicesIndexState, RlsServicesIndexData>("XI1", ToProto, FromProto, RlsServicesIndexData.Parser),
        Entry.Of<StateListServices, RlsServicesData>(
            "XL1", m => Services(m.Selector, string.Empty, [], default), d => new StateListServices(d.Selector), RlsServicesData.Parser),
        Entry.Of<Rls.ListDefinition, ListDefinitionData>("LD1", m => ToProto(m)!, d => FromProto(d)!, ListDefinitionData.Parser),
        Entry.Of<Rls.GetListService, ListServiceData>(
            "LG1", m => ListService(m.Aor, m.ServiceUri, string.Empty, null, default), d => new Rls.GetListService(d.Aor, d.ServiceUri), ListServiceData.Parser),
        Entry.Of<Rls.ListServiceAnswer, ListServiceData>(
            "LA1", m => ListService(string.Empty, m.ServiceUri, string.Empty, m.Definition, default), d => new Rls.ListServiceAnswer(d.ServiceUri, FromProto(d.Definition)),
            ListServiceData.Parser),
        Entry.Of<Rls.WatchList, ListServiceData>(
            "LW1", m => ListService(m.Aor, m.ServiceUri, m.SubscriptionId, null, default), d => new Rls.WatchList(d.Aor, d.ServiceUri, d.SubscriptionId),
            ListServiceData.Parser),
        Entry.Of<Rls.UnwatchList, ListServiceData>(
            "LU1", m => ListService(m.Aor, string.Empty, m.SubscriptionId, null, default), d => new Rls.UnwatchList(d.Aor, d.SubscriptionId), ListServiceData.Parser),
        Entry.Of<Rls.ListChanged, ListServiceData>(
            "LC1", m => ListService(m.SubscriptionId, m.ServiceUri, m.SubscriptionId, m.Definition, default),
            d => new Rls.ListChanged(d.SubscriptionId, d.ServiceUri, FromProto(d.Definition)), ListServiceData.Parser),
        Entry.Of<Rls.ListWatcherAdded, ListServiceData>(
            "LA2", e => ListService(e.Aor, e.ServiceUri, e.SubscriptionId, null, e.At), d => new Rls.ListWatcherAdded(d.Aor, d.SubscriptionId, d.ServiceUri, Time(d.AtTicks)),
            ListServiceData.Parser),
        Entry.Of<Rls.ListWatcherRemoved, ListServiceData>(
            "LR2", e => ListService(e.Aor, string.Empty, e.SubscriptionId, null, e.At), d => new Rls.ListWatcherRemoved(d.Aor, d.SubscriptionId, Time(d.AtTicks)),
            ListServiceData.Parser),
        Entry.Of<SetWatcherDecision, SetWatcherDecisionData>(
            "XW1", m => new SetWatcherDecisionData { Selector = m.Selector, Watcher = m.Watcher, Decision = (int)m.Decision, By = m.By },
            d => new SetWatcherDecision(d.Selector, d.Watcher, (AuthorizationDecision)d.Decision, d.By), SetWatcherDecisionData.Parser),

        // Requests entities send inside dialogs, through the edge
        Entry.Of<SendDialogRequest, SendDialogRequestData>("DR1", ToProto, FromProto, SendDialogRequestData.Parser),
        Entry.Of<DialogRequestOutcome, DialogRequestOutcomeData>("DO1", ToProto, FromProto, DialogRequestOutcomeData.Parser),

        // Back-end subscriptions of list subscriptions (RFC 4662 section 4.2), through the edge
        Entry.Of<Rls.SendBackendRequest, SendBackendRequestData>("BR1", ToProto, FromProto, SendBackendRequestData.Parser),
        Entry.Of<Rls.BackendResponse, BackendResponseData>("BP1", ToProto, FromProto, BackendResponseData.Parser),
        Entry.Of<Rls.BackendNotify, BackendNotifyData>("BN1", ToProto, FromProto, BackendNotifyData.Parser),
        Entry.Of<Rls.BackendNotifyAnswer, BackendNotifyAnswerData>("BA1", ToProto, FromProto, BackendNotifyAnswerData.Parser),

        // Edge relay between nodes
        Entry.Of<RelaySipMessage, RelaySipMessageData>("ER1", ToProto, FromProto, RelaySipMessageData.Parser),
        Entry.Of<RelayResult, RelayResultData>("ES1", ToProto, FromProto, RelayResultData.Parser),
        Entry.Of<RelaySipResponse, RelaySipResponseData>(
            "EP1", r => new RelaySipResponseData { Message = ByteString.CopyFrom(r.Message) }, d => new RelaySipResponse(d.Message.ToByteArray()),
            RelaySipResponseData.Parser),
    ];

    private static readonly FrozenDictionary<Type, Entry> ByType = Entries.ToFrozenDictionary(e => e.Type);
    private static readonly FrozenDictionary<string, Entry> ByManifest = Entries.ToFrozenDictionary(e => e.Manifest, StringComparer.Ordinal);

    public SimpleActorsSerializer(ExtendedActorSystem system)
        : base(system)
    {
    }

    /// <summary>Every type this serializer writes, with its manifest.</summary>
    public static IReadOnlyDictionary<Type, string> Manifests { get; } = Entries.ToFrozenDictionary(e => e.Type, e => e.Manifest);

    public override int Identifier => Id;

    public override string Manifest(object o) => For(o).Manifest;

    public override byte[] ToBinary(object obj) => For(obj).ToProto(obj).ToByteArray();

    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (manifest is null || !ByManifest.TryGetValue(manifest, out var entry))
        {
            throw new SerializationException(
                $"SimpleActorsSerializer ({Id}) does not know the manifest '{manifest}'. The journal holds a message "
                + "written by a newer or unknown build; add its manifest to the serializer, never drop it.");
        }

        try
        {
            return entry.FromBytes(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new SerializationException($"SimpleActorsSerializer could not read a '{manifest}' ({entry.Type.Name}).", e);
        }
    }

    private static Entry For(object o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return ByType.TryGetValue(o.GetType(), out var entry)
            ? entry
            : throw new SerializationException(
                $"SimpleActorsSerializer ({Id}) has no manifest for {o.GetType().FullName}; add it to the manifest table.");
    }

    private sealed record Entry(Type Type, string Manifest, Func<object, IMessage> ToProto, Func<byte[], object> FromBytes)
    {
        public static Entry Of<T, TProto>(string manifest, Func<T, TProto> to, Func<TProto, T> from, MessageParser<TProto> parser)
            where T : notnull
            where TProto : IMessage<TProto> =>
            new(typeof(T), manifest, o => to((T)o), b => from(parser.ParseFrom(b)));
    }
}
