using System.Runtime.CompilerServices;

// Protocol parsers and codecs are unit-tested directly.
[assembly: InternalsVisibleTo("DeepSql.Server.Tests")]
