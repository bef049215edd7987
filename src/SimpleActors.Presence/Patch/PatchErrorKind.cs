namespace SimpleActors.Presence.Patch;

/// <summary>
/// The error conditions of RFC 5261 section 5.1, one per element of the
/// <c>urn:ietf:params:xml:ns:patch-ops-error</c> namespace (see <see cref="PatchErrorDocument.ElementName"/>).
/// </summary>
public enum PatchErrorKind
{
    /// <summary><c>invalid-attribute-value</c>: a bad 'sel', 'type', 'ws' or 'pos' value, or bad content for an attribute.</summary>
    InvalidAttributeValue,

    /// <summary><c>invalid-character-set</c>: the diff and the target use different character sets.</summary>
    InvalidCharacterSet,

    /// <summary><c>invalid-diff-format</c>: the diff is not well-formed, or not valid against its schema.</summary>
    InvalidDiffFormat,

    /// <summary><c>invalid-entity-declaration</c>: an entity reference whose declaration cannot be found.</summary>
    InvalidEntityDeclaration,

    /// <summary><c>invalid-namespace-prefix</c>: a prefix that cannot be resolved, or a declaration still in use.</summary>
    InvalidNamespacePrefix,

    /// <summary><c>invalid-namespace-uri</c>: a namespace URI that is not valid.</summary>
    InvalidNamespaceUri,

    /// <summary><c>invalid-node-types</c>: the content of a directive does not fit the node it targets.</summary>
    InvalidNodeTypes,

    /// <summary><c>invalid-patch-directive</c>: a directive that is not add, replace or remove.</summary>
    InvalidPatchDirective,

    /// <summary><c>invalid-root-element-operation</c>: removing the root element, or adding a sibling to it.</summary>
    InvalidRootElementOperation,

    /// <summary><c>invalid-xml-prolog-operation</c>: an operation on a node outside the root element.</summary>
    InvalidXmlPrologOperation,

    /// <summary><c>invalid-whitespace-directive</c>: 'ws' where it does not apply, or no whitespace node to remove.</summary>
    InvalidWhitespaceDirective,

    /// <summary><c>unlocated-node</c>: 'sel' matches no node, or more than one.</summary>
    UnlocatedNode,

    /// <summary><c>unsupported-id-function</c>: the id() function is not supported.</summary>
    UnsupportedIdFunction,

    /// <summary><c>unsupported-xml-id</c>: xml:id as an ID attribute is not supported.</summary>
    UnsupportedXmlId,
}
