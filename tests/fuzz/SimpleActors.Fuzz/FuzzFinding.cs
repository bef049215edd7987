namespace SimpleActors.Fuzz;

/// <summary>A broken property a target checks (not an exception from the code under test): a crash for afl-fuzz.</summary>
internal sealed class FuzzFinding(string message, Exception? inner = null) : Exception(message, inner);
