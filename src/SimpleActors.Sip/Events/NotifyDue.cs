namespace SimpleActors.Sip.Events;

/// <summary>What a <see cref="Notifier"/> has waiting to be sent.</summary>
[Flags]
public enum NotifyDue
{
    None = 0,
    Change = 1,
    Full = 2,
    Final = 4,
}
