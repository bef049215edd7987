using SimpleActors.Sip.Message;

namespace SimpleActors.Sip.Parsing;

/// <summary>Where one header row lies in the head of a message being parsed (offsets, no references).</summary>
internal readonly record struct HeaderSlot(KnownHeader Id, int NameStart, int NameLength, int ValueStart, int ValueLength, bool Folded);
