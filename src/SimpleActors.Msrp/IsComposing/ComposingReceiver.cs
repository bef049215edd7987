namespace SimpleActors.Msrp.IsComposing;

/// <summary>
/// The receiver's side of RFC 3994 (section 3.3) as a pure state machine, time passed in: what the remote party is
/// doing, as the status messages and the messages from it tell.
/// <code>
///              "active" received / expire after its refresh (120 s without one)
///   +------+  ------------------------------------------------&gt;  +--------+  "active" received / expire later
///   | idle |                                                      | active |
///   +------+  &lt;------------------------------------------------  +--------+
///              "idle" received, a message received, or no refresh in time
/// </code>
/// </summary>
public sealed record ComposingReceiver
{
    /// <summary>How long an active state lasts when the document names no refresh (RFC 3994 section 3.3).</summary>
    public static readonly TimeSpan DefaultRefresh = TimeSpan.FromSeconds(120);

    /// <summary>The remote party is not composing.</summary>
    public static ComposingReceiver Idle { get; } = new();

    /// <summary>What the remote party is doing.</summary>
    public ComposingState State { get; private init; }

    /// <summary>When an active state lapses unless refreshed, or null while idle.</summary>
    public DateTimeOffset? ExpiresAt { get; private init; }

    /// <summary>What the remote party composes, as its last document said, or null.</summary>
    public string? ContentType { get; private init; }

    /// <summary>When the remote party was last active, as its last idle document said, or null.</summary>
    public DateTimeOffset? LastActive { get; private init; }

    /// <summary>When <see cref="Elapsed"/> is next due, or null.</summary>
    public DateTimeOffset? NextDeadline => ExpiresAt;

    /// <summary>A status message arrived.</summary>
    public ComposingReceiver Received(IsComposingDocument document, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document.State == ComposingState.Active
            ? new ComposingReceiver
            {
                State = ComposingState.Active,
                ExpiresAt = now + (document.Refresh is { } seconds ? TimeSpan.FromSeconds(seconds) : DefaultRefresh),
                ContentType = document.ContentType,
                LastActive = document.LastActive ?? LastActive,
            }
            : new ComposingReceiver { ContentType = document.ContentType, LastActive = document.LastActive ?? LastActive };
    }

    /// <summary>A message (content) arrived from the composer: it is idle now (RFC 3994 section 3.3).</summary>
    public ComposingReceiver MessageReceived(DateTimeOffset now) =>
        State == ComposingState.Idle ? this : this with { State = ComposingState.Idle, ExpiresAt = null, LastActive = now };

    /// <summary>Time passed: an active state that was not refreshed in time is idle.</summary>
    public ComposingReceiver Elapsed(DateTimeOffset now) =>
        State == ComposingState.Active && now >= ExpiresAt ? this with { State = ComposingState.Idle, ExpiresAt = null } : this;
}
