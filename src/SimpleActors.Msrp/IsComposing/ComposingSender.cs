namespace SimpleActors.Msrp.IsComposing;

/// <summary>
/// The composer's side of RFC 3994 (section 3.2) as a pure state machine: time is passed in, nothing is armed here. The
/// caller feeds it the user's typing (<see cref="Typed"/>), the sending of the message (<see cref="Sent"/>) and the
/// passing of time (<see cref="Elapsed"/>, due at <see cref="NextDeadline"/>), and sends the document each step returns.
/// <code>
///              Typed / send active (refresh), arm idle and refresh timers
///   +------+  -----------------------------------------------------&gt;  +--------+  Typed / re-arm the idle timer
///   | idle |                                                           | active |  refresh due / send active again
///   +------+  &lt;-----------------------------------------------------  +--------+
///              idle timer (15 s without typing) / send idle (lastactive)
///              Sent / nothing: the message itself ends the composition
/// </code>
/// </summary>
public sealed record ComposingSender
{
    /// <summary>Without typing for this long the composer goes idle (RFC 3994 section 3.2).</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(15);

    /// <summary>The refresh interval announced when none is chosen (RFC 3994 section 3.2).</summary>
    public static readonly TimeSpan DefaultRefresh = TimeSpan.FromSeconds(120);

    /// <summary>The shortest refresh interval announced: RFC 3994 section 3.2 advises against going much lower.</summary>
    public static readonly TimeSpan MinimumRefresh = TimeSpan.FromSeconds(60);

    /// <summary>
    /// An active state is refreshed this long before the announced interval runs out, so that the refresh reaches the
    /// receiver before it gives up (RFC 3994 section 3.3). A choice of this implementation.
    /// </summary>
    public static readonly TimeSpan RefreshLead = TimeSpan.FromSeconds(10);

    private ComposingSender(TimeSpan refresh, string? contentType)
    {
        Refresh = refresh;
        ContentType = contentType;
    }

    /// <summary>Idle or active.</summary>
    public ComposingState State { get; private init; }

    /// <summary>The refresh interval announced in active documents, whole seconds, at least <see cref="MinimumRefresh"/>.</summary>
    public TimeSpan Refresh { get; }

    /// <summary>What is composed, announced as &lt;contenttype&gt; ("text" unless told otherwise).</summary>
    public string? ContentType { get; }

    /// <summary>When the user last typed, or null before the first time.</summary>
    public DateTimeOffset? LastActive { get; private init; }

    /// <summary>When the active state is due to be refreshed, or null while idle.</summary>
    public DateTimeOffset? RefreshDue { get; private init; }

    /// <summary>When the composer goes idle unless the user types again, or null while idle.</summary>
    public DateTimeOffset? IdleDue => State == ComposingState.Active ? LastActive + IdleTimeout : null;

    /// <summary>When <see cref="Elapsed"/> is next due (the earlier of the two timers), or null: nothing to wait for.</summary>
    public DateTimeOffset? NextDeadline => State == ComposingState.Active ? Earlier(IdleDue!.Value, RefreshDue!.Value) : null;

    /// <summary>An idle composer; <paramref name="refresh"/> is rounded up to whole seconds and raised to the minimum.</summary>
    public static ComposingSender Create(string? contentType = "text", TimeSpan? refresh = null)
    {
        var seconds = Math.Clamp(Math.Ceiling((refresh ?? DefaultRefresh).TotalSeconds), MinimumRefresh.TotalSeconds, int.MaxValue);
        return new ComposingSender(TimeSpan.FromSeconds(seconds), contentType);
    }

    /// <summary>The user composed content: idle goes active (announced); active stays active, refreshed if due.</summary>
    public ComposingStep Typed(DateTimeOffset now)
    {
        if (State == ComposingState.Idle || now >= RefreshDue)
        {
            return new ComposingStep(Activated(now), ActiveDocument());
        }

        return new ComposingStep(this with { LastActive = now }, null);
    }

    /// <summary>
    /// Time passed: 15 s after the last typing the composer goes idle and says so; before that, an active state whose
    /// refresh is due is announced again.
    /// </summary>
    public ComposingStep Elapsed(DateTimeOffset now)
    {
        if (State == ComposingState.Idle)
        {
            return new ComposingStep(this, null);
        }

        if (now >= IdleDue)
        {
            var idle = this with { State = ComposingState.Idle, RefreshDue = null };
            return new ComposingStep(idle, new IsComposingDocument(ComposingState.Idle) { LastActive = LastActive, ContentType = ContentType });
        }

        if (now >= RefreshDue)
        {
            return new ComposingStep(this with { RefreshDue = now + Refresh - RefreshLead }, ActiveDocument());
        }

        return new ComposingStep(this, null);
    }

    /// <summary>The message was sent: the composer is idle and sends nothing (RFC 3994 section 3.2: the message says it).</summary>
    public ComposingStep Sent(DateTimeOffset now) =>
        new(State == ComposingState.Idle ? this : this with { State = ComposingState.Idle, RefreshDue = null }, null);

    private ComposingSender Activated(DateTimeOffset now) =>
        this with { State = ComposingState.Active, LastActive = now, RefreshDue = now + Refresh - RefreshLead };

    private IsComposingDocument ActiveDocument() =>
        new(ComposingState.Active) { ContentType = ContentType, Refresh = (int)Refresh.TotalSeconds };

    private static DateTimeOffset Earlier(DateTimeOffset a, DateTimeOffset b) => a <= b ? a : b;
}
