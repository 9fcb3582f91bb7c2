// Package graphiql embeds the GraphiQL playground's browser assets, vendored
// unmodified from the npm registry (see README.md and fetch.sh in this
// folder), so that a binary serving the playground needs no network.
//
// FS holds, at these paths (each the file's path inside its npm package,
// prefixed by the package name):
//
//	graphiql/graphiql.min.js                    GraphiQL's UMD build; global GraphiQL
//	graphiql/graphiql.min.css                   GraphiQL's styles (fonts inlined as data: URLs)
//	react/umd/react.production.min.js           React's UMD build; global React
//	react-dom/umd/react-dom.production.min.js   ReactDOM's UMD build; global ReactDOM
//	<package>/LICENSE, <package>/package.json   each package's licence and manifest
//
// A page loads Styles and then Scripts, in their order, and then renders the
// GraphiQL component with React.
package graphiql

import "embed"

// FS holds the vendored files listed in the package comment, and nothing else.
//
//go:embed graphiql/LICENSE graphiql/package.json graphiql/graphiql.min.js graphiql/graphiql.min.css
//go:embed react/LICENSE react/package.json react/umd/react.production.min.js
//go:embed react-dom/LICENSE react-dom/package.json react-dom/umd/react-dom.production.min.js
var FS embed.FS

// Versions of the vendored npm packages; they match the package.json files in
// FS and the pins in fetch.sh.
const (
	Version         = "4.1.2"  // graphiql
	ReactVersion    = "18.3.1" // react
	ReactDOMVersion = "18.3.1" // react-dom
)

// Styles are the paths in FS of the style sheets a playground page loads.
var Styles = []string{"graphiql/graphiql.min.css"}

// Scripts are the paths in FS of the scripts a playground page loads, in the
// order it must load them: React, then ReactDOM, then GraphiQL (which reads
// the globals React and ReactDOM when it runs).
var Scripts = []string{
	"react/umd/react.production.min.js",
	"react-dom/umd/react-dom.production.min.js",
	"graphiql/graphiql.min.js",
}

// Licenses are the paths in FS of the licence files of the vendored packages.
var Licenses = []string{"graphiql/LICENSE", "react/LICENSE", "react-dom/LICENSE"}
