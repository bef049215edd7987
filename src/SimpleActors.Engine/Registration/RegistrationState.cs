using SimpleActors.Engine.Entities;
using System.Collections.Immutable;
using SimpleActors.Engine.Serialization;

namespace SimpleActors.Engine.Registration;

/// <summary>The bindings of one address of record, in registration order. Also the snapshot.</summary>
public sealed record RegistrationState(string Aor, ImmutableList<Binding> Bindings) : IEngineSerializable, IEntityState<RegistrationState, IRegistrationEvent>
{
    public static RegistrationState Empty(string aor) => new(aor, []);

    /// <summary>True when nothing is bound: the entity has nothing live and passivates.</summary>
    public bool IsEmpty => Bindings.IsEmpty;

    /// <summary>The earliest expiry, or null when nothing is bound.</summary>
    public DateTimeOffset? NextExpiry => Bindings.IsEmpty ? null : Bindings.Min(b => b.ExpiresAt);

    /// <summary>The bindings still unexpired at <paramref name="now"/>.</summary>
    public IReadOnlyList<Binding> Unexpired(DateTimeOffset now) => [.. Bindings.Where(b => b.ExpiresAt > now)];

    /// <summary>The state after <paramref name="event"/>; the same function serves live updates, recovery and replay.</summary>
    public RegistrationState Apply(IRegistrationEvent change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return change switch
        {
            BindingAdded added => this with { Bindings = Bindings.Add(added.Binding) },
            BindingRefreshed refreshed => this with { Bindings = Replace(refreshed.StoredUri, refreshed.Binding) },
            BindingRemoved removed => this with { Bindings = Bindings.RemoveAll(b => b.Uri == removed.Uri) },
            _ => throw new ArgumentException($"Unknown registration event {change.GetType().Name}.", nameof(change)),
        };
    }

    private ImmutableList<Binding> Replace(string storedUri, Binding binding)
    {
        var index = Bindings.FindIndex(b => b.Uri == storedUri);
        return index < 0 ? Bindings.Add(binding) : Bindings.SetItem(index, binding);
    }
}
