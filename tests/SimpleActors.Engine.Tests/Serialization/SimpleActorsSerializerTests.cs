using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Configuration;
using SimpleActors.Engine.Entities;
using SimpleActors.Engine.Mailbox;
using SimpleActors.Engine.Presence;
using SimpleActors.Engine.Registration;
using SimpleActors.Engine.Relay;
using SimpleActors.Engine.Subscription;
using SimpleActors.Engine.Xcap;
using SimpleActors.Engine.Dialogs;
using SimpleActors.Engine.Serialization;
using SimpleActors.Engine.Tests.Entities;

namespace SimpleActors.Engine.Tests.Serialization;

public sealed class SimpleActorsSerializerTests : IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("serializer-tests", ConfigurationFactory.ParseString("""
        akka.actor.serializers.simpleactors = "SimpleActors.Engine.Serialization.SimpleActorsSerializer, SimpleActors.Engine"
        akka.actor.serialization-bindings {
          "SimpleActors.Engine.Serialization.IEngineSerializable, SimpleActors.Engine" = simpleactors
        }
        """));

    public void Dispose() => _system.Dispose();

    public static TheoryData<string, object> Messages()
    {
        var data = new TheoryData<string, object>();
        var index = 0;
        foreach (var sample in SerializerSamples.All())
        {
            data.Add($"{index++}:{sample.GetType().Name}", sample);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Every_message_round_trips_through_the_serializer_the_system_picks(string name, object message)
    {
        Assert.NotNull(name);
        var serializer = _system.Serialization.FindSerializerFor(message);
        Assert.Equal(SimpleActorsSerializer.Id, serializer.Identifier);

        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, message);
        var bytes = serializer.ToBinary(message);
        var back = _system.Serialization.Deserialize(bytes, serializer.Identifier, manifest);

        DeepEquality.AssertEqual(message, back);
    }

    [Fact]
    public void Every_serializable_type_has_a_manifest_and_a_round_trip_sample()
    {
        var serializable = typeof(IEngineSerializable).Assembly.GetTypes()
            .Where(t => typeof(IEngineSerializable).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .ToHashSet();
        var sampled = SerializerSamples.All().Select(s => s.GetType()).ToHashSet();

        Assert.Equal(serializable.OrderBy(t => t.Name), SimpleActorsSerializer.Manifests.Keys.OrderBy(t => t.Name));
        Assert.Equal(serializable.OrderBy(t => t.Name), sampled.OrderBy(t => t.Name));
    }

    /// <summary>
    /// The manifests are stored in every journal row: this table may only grow. Changing an entry
    /// breaks reading what is already in the journal.
    /// </summary>
    [Fact]
    public void The_serializer_id_and_manifest_table_are_pinned()
    {
        var pinned = new Dictionary<Type, string>
        {
            [typeof(Register)] = "RQ1",
            [typeof(GetBindings)] = "RG1",
            [typeof(RegisterResult)] = "RP1",
            [typeof(CurrentBindings)] = "RC1",
            [typeof(BindingAdded)] = "RB1",
            [typeof(BindingRefreshed)] = "RF1",
            [typeof(BindingRemoved)] = "RR1",
            [typeof(RegistrationState)] = "RS1",
            [typeof(ShardMembersChanged)] = "RJ1",
            [typeof(ShardMembers)] = "RM1",
            [typeof(StoreMessage)] = "MC1",
            [typeof(GetPendingMessages)] = "MG1",
            [typeof(AcknowledgeDelivery)] = "MA1",
            [typeof(MessageStored)] = "MR1",
            [typeof(PendingMessages)] = "MP1",
            [typeof(DeliveryAcknowledged)] = "MK1",
            [typeof(MessageQueued)] = "MQ1",
            [typeof(MessageDelivered)] = "MD1",
            [typeof(MessageExpired)] = "MX1",
            [typeof(MailboxState)] = "MS1",
            [typeof(RelaySipMessage)] = "ER1",
            [typeof(RelayResult)] = "ES1",
            [typeof(RelaySipResponse)] = "EP1",
            [typeof(Publish)] = "PQ1",
            [typeof(PublishResult)] = "PP1",
            [typeof(PublicationAdded)] = "PA1",
            [typeof(PublicationRefreshed)] = "PF1",
            [typeof(PublicationModified)] = "PM1",
            [typeof(PublicationRemoved)] = "PR1",
            [typeof(PresentityState)] = "PS1",
            [typeof(Watch)] = "PW1",
            [typeof(Unwatch)] = "PU1",
            [typeof(WatcherAdded)] = "PWA1",
            [typeof(WatcherRemoved)] = "PWR1",
            [typeof(PresenceDocument)] = "PD1",
            [typeof(Subscribe)] = "SQ1",
            [typeof(SubscribeResult)] = "SP1",
            [typeof(PresenceChanged)] = "SN1",
            [typeof(WatcherInfoSnapshot)] = "SW1",
            [typeof(WakeSubscription)] = "SK1",
            [typeof(NotifyCSeqsReleased)] = "SL1",
            [typeof(WakeAt)] = "PK1",
            [typeof(WatchersChanged)] = "SX1",
            [typeof(SubscriptionCreated)] = "SC1",
            [typeof(SubscriptionRefreshed)] = "SF1",
            [typeof(NotifyIssued)] = "SI1",
            [typeof(SubscriptionTerminated)] = "ST1",
            [typeof(SubscriptionState)] = "SS1",
            [typeof(SendDialogRequest)] = "DR1",
            [typeof(DialogRequestOutcome)] = "DO1",
            [typeof(SimpleActors.Engine.Rls.SendBackendRequest)] = "BR1",
            [typeof(SimpleActors.Engine.Rls.BackendResponse)] = "BP1",
            [typeof(SimpleActors.Engine.Rls.BackendNotify)] = "BN1",
            [typeof(SimpleActors.Engine.Rls.BackendNotifyAnswer)] = "BA1",
            [typeof(AuthorizeWatcher)] = "PZ1",
            [typeof(WatcherAuthorized)] = "PV1",
            [typeof(WatcherAuthorization)] = "PY1",
            [typeof(ApplyAuthorization)] = "SA1",
            [typeof(SubscriptionAuthorized)] = "SU1",
            [typeof(OwnerDocumentChanged)] = "PO1",
            [typeof(OwnerDocumentSet)] = "PE1",
            [typeof(OwnerDocumentTaken)] = "PT1",
            [typeof(WatcherStatusesChanged)] = "PX1",
            [typeof(XcapDocumentRequest)] = "XQ1",
            [typeof(XcapDocumentAnswer)] = "XA1",
            [typeof(XcapDocumentEdited)] = "XE1",
            [typeof(XcapDocumentState)] = "XS1",
            [typeof(SetWatcherDecision)] = "XW1",
            [typeof(XcapDocumentsSnapshot)] = "SY1",
            [typeof(XcapDocumentsChanged)] = "SZ1",
            [typeof(GetOwnerDocuments)] = "PG1",
            [typeof(OwnerDocumentList)] = "PL1",
            [typeof(ClaimRlsServices)] = "XC1",
            [typeof(RlsServicesClaimed)] = "XR1",
            [typeof(RlsServicesClaim)] = "XK1",
            [typeof(RlsServicesIndexState)] = "XI1",
            [typeof(StateListServices)] = "XL1",
            [typeof(SimpleActors.Engine.Rls.ListDefinition)] = "LD1",
            [typeof(SimpleActors.Engine.Rls.GetListService)] = "LG1",
            [typeof(SimpleActors.Engine.Rls.ListServiceAnswer)] = "LA1",
            [typeof(SimpleActors.Engine.Rls.WatchList)] = "LW1",
            [typeof(SimpleActors.Engine.Rls.UnwatchList)] = "LU1",
            [typeof(SimpleActors.Engine.Rls.ListChanged)] = "LC1",
            [typeof(SimpleActors.Engine.Rls.ListWatcherAdded)] = "LA2",
            [typeof(SimpleActors.Engine.Rls.ListWatcherRemoved)] = "LR2",
        };

        Assert.Equal(4242, SimpleActorsSerializer.Id);
        Assert.Equal(pinned.OrderBy(p => p.Value), SimpleActorsSerializer.Manifests.OrderBy(p => p.Value));
    }

    [Fact]
    public void Pinned_bytes_of_a_v1_event_still_read()
    {
        var serializer = new SimpleActorsSerializer((ExtendedActorSystem)_system);
        var removed = new BindingRemoved(Samples.Aor, "sip:a@192.0.2.1", BindingRemovalReason.Expired, null, null, null, Samples.Now);

        var hex = Convert.ToHexString(serializer.ToBinary(removed));

        // Written by the v1 schema; a schema change that alters these bytes must get a new manifest.
        Assert.Equal("0A157369703A616C696365406578616D706C652E636F6D120F7369703A61403139322E302E322E3118013880C0AB8DBADDD2EF08", hex);
        DeepEquality.AssertEqual(removed, serializer.FromBinary(Convert.FromHexString(hex), "RR1"));
    }

    [Fact]
    public void A_subscription_created_before_partial_notification_reads_as_not_partial()
    {
        var serializer = new SimpleActorsSerializer((ExtendedActorSystem)_system);
        var partial = new SubscriptionCreated(
            "sub-5", Samples.Aor, null, "sip:bob@example.com", "bt", "call-5", 1, "sip:bob@192.0.2.20", [], Samples.UdpFlow,
            Samples.Now, SubscriptionStatus.Active, null, Samples.Now, EventPackages.Presence, 32, Partial: true);
        var bytes = serializer.ToBinary(partial);

        // Field 18 (varint true) is written last: without it the bytes are those of the schema before it existed.
        Assert.Equal([0x90, 0x01, 0x01], bytes[^3..]);
        var old = (SubscriptionCreated)serializer.FromBinary(bytes[..^3], "SC1");

        Assert.True(((SubscriptionCreated)serializer.FromBinary(bytes, "SC1")).Partial);
        Assert.False(old.Partial);
        DeepEquality.AssertEqual(partial with { Partial = false }, old);
    }

    [Fact]
    public void An_unknown_manifest_is_a_clear_serialization_error()
    {
        var serializer = new SimpleActorsSerializer((ExtendedActorSystem)_system);

        var error = Assert.Throws<SerializationException>(() => serializer.FromBinary([], "ZZ9"));

        Assert.Contains("ZZ9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_type_without_a_manifest_is_refused()
    {
        var serializer = new SimpleActorsSerializer((ExtendedActorSystem)_system);

        Assert.Throws<SerializationException>(() => serializer.Manifest("not an engine message"));
    }
}
