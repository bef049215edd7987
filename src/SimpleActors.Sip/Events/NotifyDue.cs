namespace SimpleActors.Sip.Events;

/// <summary>What a <see cref="Notifier"/> has waiting to be sent.</summary>
[Flags]
public enum NotifyDue
{
    None = 0,
    Change = 1,
    Full = 2,
    Final = 4,

    /// <summary>The rest of a state the last NOTIFY carried only part of (a size limit): not held back by the interval.</summary>
    Rest = 8,
}
