namespace SimpleActors.Engine.Sharding;

/// <summary>A message for an entity identified by a canonical address of record (<c>sip:user@host</c>).</summary>
public interface IWithAor
{
    string Aor { get; }
}
