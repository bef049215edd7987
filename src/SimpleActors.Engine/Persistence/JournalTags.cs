using Akka.Persistence.Journal;

namespace SimpleActors.Engine.Persistence;

/// <summary>
/// The tags events are written with, for the read side (<see cref="Query.SqlReadJournal"/>): every presentity event is
/// tagged <see cref="Presence"/> ("all presence changes"). A write-side event adapter bound in the journal's
/// configuration, so entities persist plain events.
/// </summary>
public sealed class JournalTags : IWriteEventAdapter
{
    public const string Presence = "presence";

    private static readonly string[] PresenceTags = [Presence];

    public string Manifest(object evt) => string.Empty;

    public object ToJournal(object evt) => new Tagged(evt, PresenceTags);
}
