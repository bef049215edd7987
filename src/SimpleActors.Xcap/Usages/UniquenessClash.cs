using System.Xml.Linq;

namespace SimpleActors.Xcap.Usages;

/// <summary>An attribute whose value an earlier sibling (in the usage's scope) already has, with suggested other values.</summary>
internal sealed record UniquenessClash(XElement Element, XName Attribute, IReadOnlyList<string> AlternativeValues);
