namespace SimpleActors.Engine.Sharding;

/// <summary>
/// The key of the Registration shard region in Akka.Hosting's actor registry:
/// <c>registry.Get&lt;RegistrationRegion&gt;()</c> (or <c>IRequiredActor&lt;RegistrationRegion&gt;</c>).
/// </summary>
public sealed class RegistrationRegion
{
    public const string Name = "registration";

    private RegistrationRegion()
    {
    }
}

/// <summary>The key of the Mailbox shard region: <c>registry.Get&lt;MailboxRegion&gt;()</c>.</summary>
public sealed class MailboxRegion
{
    public const string Name = "mailbox";

    private MailboxRegion()
    {
    }
}

/// <summary>The key of the Presentity shard region: <c>registry.Get&lt;PresentityRegion&gt;()</c>.</summary>
public sealed class PresentityRegion
{
    public const string Name = "presentity";

    private PresentityRegion()
    {
    }
}

/// <summary>The key of the Subscription shard region: <c>registry.Get&lt;SubscriptionRegion&gt;()</c>.</summary>
public sealed class SubscriptionRegion
{
    public const string Name = "subscription";

    private SubscriptionRegion()
    {
    }
}

/// <summary>The key of the XcapDocument shard region: <c>registry.Get&lt;XcapDocumentRegion&gt;()</c>.</summary>
public sealed class XcapDocumentRegion
{
    public const string Name = "xcap-document";

    private XcapDocumentRegion()
    {
    }
}
