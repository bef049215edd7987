using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using SimpleActors.Engine.Entities;
using SimpleActors.Engine.Mailbox;
using SimpleActors.Engine.Presence;
using SimpleActors.Engine.Registration;
using SimpleActors.Engine.Serialization;
using SimpleActors.Engine.Subscription;

namespace SimpleActors.Engine.Sharding;

/// <summary>Starts the engine's shard regions and registers the project serializer.</summary>
public static class EngineEntitiesHosting
{
    /// <summary>
    /// Registers the shard regions <c>registration</c>, <c>mailbox</c>, <c>presentity</c>, <c>subscription</c> and
    /// <c>xcap-document</c> (not remembered: a document owns no timer, and passivates when idle) on the configured role, with
    /// remember-entities (event-sourced) for the first three because they own timers, coordinator state in distributed
    /// data, and <see cref="StopEntity"/> as the hand-off message. Subscriptions are not remembered: their presentity,
    /// which is, wakes them at their expiry and for every change (docs/presence.md, "Sleeping"), so a restart does not
    /// start every live subscription, and no shard journals each one's start and stop. Every entity runs on
    /// <see cref="EntityMailbox"/> (no queue storage while idle). Needs clustering and the journal.
    /// </summary>
    public static AkkaConfigurationBuilder WithEngineEntities(this AkkaConfigurationBuilder builder, EngineEntitiesOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ShardCount, 1);

        var registrar = options.Registrar;
        var publications = options.Publications;
        var subscriptions = options.Subscriptions;
        var clock = options.Clock;
        var snapshotEvery = options.SnapshotEvery;

        // A shard that starts under load reads its remembered entities from the journal while every entity
        // of the shard is recovering too; Akka's 5 s default gives up too early and backs off (seen under SIPp load).
        builder.AddHocon(
            "akka.cluster.sharding { waiting-for-state-timeout = 30s, updating-state-timeout = 30s }",
            HoconAddMode.Prepend);
        builder.AddHocon(EntityMailbox.Hocon, HoconAddMode.Prepend);

        // The replicated directory of list services (Rls.ListServiceDirectory): each node's copy learns a change within
        // this interval of its replica (Akka's 500 ms default would let a SUBSCRIBE right after an XCAP PUT miss a new list).
        builder.AddHocon("akka.cluster.distributed-data.notify-subscribers-interval = 20ms", HoconAddMode.Prepend);

        // One Props per region, the entity id taken from the actor name (EntityProps.ForShardedEntities).
        var registrationProps = EntityProps.ForShardedEntities(shard => new RegistrationShard(shard, registrar, clock, snapshotEvery))
            .WithMailbox(EntityMailbox.ConfigPath);
        var mailboxProps = EntityProps.ForShardedEntities(aor => new MailboxActor(aor, clock, snapshotEvery))
            .WithMailbox(EntityMailbox.ConfigPath);
        var presentityProps = EntityProps.ForShardedEntities(
                shard => new PresentityShard(
                    shard, publications, clock, snapshotEvery, null, PresentityShard.DefaultEmptyLinger, defaultPolicy: subscriptions.Policy))
            .WithMailbox(EntityMailbox.ConfigPath);
        // One entity per document, and under the global rls-services document's selector the index of service URIs.
        var xcapProps = EntityProps.ForShardedEntities<ActorBase>(selector => selector == Xcap.RlsServicesIndex.Selector
                ? new Xcap.RlsServicesIndex(clock, snapshotEvery)
                : new Xcap.XcapDocumentActor(selector, clock, snapshotEvery, null))
            .WithMailbox(EntityMailbox.ConfigPath);
        var subscriptionProps = EntityProps.ForShardedEntities(shard => new SubscriptionShard(shard, subscriptions, clock, snapshotEvery, null, null))
            .WithMailbox(EntityMailbox.ConfigPath);

        return builder
            .WithSimpleActorsSerializer()
            .WithShardRegion<RegistrationRegion>(
                RegistrationRegion.Name,
                _ => registrationProps,
                new AorMessageExtractor<IRegistrationMessage>(options.ShardCount, entityPerShard: true),
                ShardOptionsFor(options))
            .WithShardRegion<MailboxRegion>(
                MailboxRegion.Name,
                _ => mailboxProps,
                new AorMessageExtractor<IMailboxMessage>(options.ShardCount),
                ShardOptionsFor(options))
            .WithShardRegion<PresentityRegion>(
                PresentityRegion.Name,
                _ => presentityProps,
                new AorMessageExtractor<IPresentityMessage>(options.ShardCount, entityPerShard: true),
                ShardOptionsFor(options))
            .WithShardRegion<SubscriptionRegion>(
                SubscriptionRegion.Name,
                _ => subscriptionProps,
                new SubscriptionMessageExtractor(options.ShardCount, entityPerShard: true),
                ShardOptionsFor(options, remember: false))
            .WithShardRegion<XcapDocumentRegion>(
                XcapDocumentRegion.Name,
                _ => xcapProps,
                new Xcap.XcapDocumentMessageExtractor(options.ShardCount),
                XcapShardOptions(options))
            .AddStartup((system, registry) =>
            {
                // The rls-services index states which URIs are list services in the replicated directory every node's
                // router reads (Rls.ListServiceDirectory): each node asks once it is up, so a restarted cluster has it.
                var xcap = registry.Get<XcapDocumentRegion>();
                Akka.Cluster.Cluster.Get(system).RegisterOnMemberUp(() => xcap.Tell(Xcap.StateListServices.Instance, ActorRefs.NoSender));
            });
    }

    /// <summary>How long an XCAP document nobody reads or writes stays in memory (it owns no timer; its journal has it).</summary>
    private static readonly TimeSpan XcapIdle = TimeSpan.FromMinutes(2);

    private static ShardOptions XcapShardOptions(EngineEntitiesOptions options)
    {
        var shards = ShardOptionsFor(options, remember: false);
        shards.ShouldPassivateIdleEntities = true;
        shards.PassivateIdleEntityAfter = XcapIdle;
        return shards;
    }

    private static ShardOptions ShardOptionsFor(EngineEntitiesOptions options, bool remember = true) => new()
    {
        Role = options.Role,
        RememberEntities = remember,
        RememberEntitiesStore = RememberEntitiesStore.Eventsourced,
        StateStoreMode = StateStoreMode.DData,
        HandOffStopMessage = StopEntity.Instance,
        // The entities passivate themselves when empty; a live one owns a timer and must stay.
        ShouldPassivateIdleEntities = false,
    };
}
