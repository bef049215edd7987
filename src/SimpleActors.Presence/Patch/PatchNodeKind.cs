namespace SimpleActors.Presence.Patch;

/// <summary>What kind of node a patch selector locates (its last step).</summary>
public enum PatchNodeKind
{
    Element,
    Attribute,

    /// <summary>A prefixed namespace declaration, <c>namespace::prefix</c>.</summary>
    Namespace,
    Text,
    Comment,
    ProcessingInstruction,
}
