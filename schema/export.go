package schema

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"

	"kg/graph"
	"kg/queries"
)

// Media types of the two export formats.
const (
	mediaJSONLD = "application/ld+json"
	mediaNQuads = "application/n-quads"
)

// format picks the export format of a request: format=jsonld|nquads, else
// the Accept header, else JSON-LD.
func format(r *http.Request) (string, error) {
	switch f := r.URL.Query().Get("format"); f {
	case "jsonld", "json-ld":
		return mediaJSONLD, nil
	case "nquads", "nq":
		return mediaNQuads, nil
	case "":
	default:
		return "", fmt.Errorf("format must be jsonld or nquads, not %q", f)
	}
	if strings.Contains(r.Header.Get("Accept"), mediaNQuads) {
		return mediaNQuads, nil
	}
	return mediaJSONLD, nil
}

func encode(media string, qs []quad.Quad) ([]byte, error) {
	var b bytes.Buffer
	err := encodeTo(&b, media, qs)
	return b.Bytes(), err
}

// encodeTo writes the quads of parts, end to end, to w in media. Both
// encoders check every quad before they write anything, so when they
// cannot encode the quads they write nothing.
func encodeTo(w io.Writer, media string, parts ...[]quad.Quad) error {
	if media == mediaNQuads {
		return graph.EncodeNQuads(w, slices.Concat(parts...))
	}
	return graph.EncodeJSONLDParts(w, parts...)
}

// writeExport answers with the quads of parts in media, encoded straight
// into the response, with no copy of the document: an encoder that cannot
// encode them has written nothing, so the answer can still be an error.
func writeExport(w http.ResponseWriter, media string, parts ...[]quad.Quad) {
	writeEncoded(w, media, func(w io.Writer) error { return encodeTo(w, media, parts...) })
}

// writeEncoded answers with what encode writes, in media, straight into
// the response. encode must write nothing when it fails to encode, so
// that the answer can still be an error.
func writeEncoded(w http.ResponseWriter, media string, encode func(io.Writer) error) {
	w.Header().Set("Content-Type", media+"; charset=utf-8")
	cw := &countWriter{w: w}
	if err := encode(cw); err != nil && cw.n == 0 {
		http.Error(w, "encode: "+err.Error(), http.StatusInternalServerError)
	}
	// A failed write means the client went away: nothing to tell it.
}

// countWriter counts the bytes written through it.
type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// exportHandler answers GET /export?entity=…&hops=…&kinds=…&from=…&to=…
// &first=…&after=… with the subgraph around the entity: a page of at most
// first facts (queries.DefaultExportStatements unless given; 0 for all), those
// after the fact after (see queries.SubgraphPage and pageHeaders).
func (srv *server) exportHandler(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET")
		http.Error(w, "use GET", http.StatusMethodNotAllowed)
		return
	}
	media, err := format(r)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	v := r.URL.Query()
	o := queries.SubgraphOptions{Hops: 1, From: v.Get("from"), To: v.Get("to"),
		MinConfidence: queries.DefaultMinConfidence, MaxNodes: srv.o.MaxExportNodes}
	if h := v.Get("hops"); h != "" {
		if o.Hops, err = strconv.Atoi(h); err != nil {
			http.Error(w, "hops must be a number", http.StatusBadRequest)
			return
		}
	}
	if k := v.Get("kinds"); k != "" {
		o.Kinds = strings.Split(k, ",")
	}
	if o.First, o.After, err = pageParams(r); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if m := v.Get("minConfidence"); m != "" {
		if o.MinConfidence, err = strconv.ParseFloat(m, 64); err != nil {
			http.Error(w, "minConfidence must be a number", http.StatusBadRequest)
			return
		}
	}
	ref := v.Get("entity")
	if ref == "" {
		http.Error(w, "give the entity: /export?entity=NAME|IRI", http.StatusBadRequest)
		return
	}
	ctx, cancel := srv.withTimeout(r)
	defer cancel()
	e, err := srv.s.svc.One(ctx, ref)
	if err != nil {
		var amb *queries.ErrAmbiguous
		switch {
		case notFound(err):
			http.Error(w, err.Error(), http.StatusNotFound)
		case errors.As(err, &amb):
			http.Error(w, err.Error(), http.StatusConflict)
		default:
			http.Error(w, err.Error(), http.StatusInternalServerError)
		}
		return
	}
	sel, page, err := srv.s.svc.SubgraphPageSelection(ctx, e.ID, o)
	if err != nil {
		var big *queries.ErrTooLarge
		if errors.As(err, &big) || strings.HasPrefix(err.Error(), "hops") {
			http.Error(w, err.Error(), http.StatusBadRequest)
		} else {
			http.Error(w, err.Error(), http.StatusInternalServerError)
		}
		return
	}
	pageHeaders(w, r, page)
	if media == mediaJSONLD {
		// Encoded by the store from what it holds, straight into the
		// response: the same bytes as encoding the quads.
		writeEncoded(w, media, func(w io.Writer) error { return srv.s.svc.EncodeJSONLD(ctx, w, sel) })
		return
	}
	// In parts and no order: the encoder sorts and deduplicates what it
	// writes.
	parts, err := srv.s.svc.SelectQuads(ctx, sel)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	writeExport(w, media, parts...)
}

// pageParams reads the page an export asks for: first (statements, 0 for
// all; queries.DefaultExportStatements when not given) and after.
func pageParams(r *http.Request) (first int, after string, err error) {
	v := r.URL.Query()
	first = queries.DefaultExportStatements
	if f := v.Get("first"); f != "" {
		if first, err = strconv.Atoi(f); err != nil || first < 0 {
			return 0, "", errors.New("first must be 0 (everything) or a positive number of statements")
		}
	}
	return first, v.Get("after"), nil
}

// pageHeaders says which page of the subgraph's facts an export holds:
// X-Total-Count is the number of facts of the whole subgraph, and a Link
// header (RFC 8288) with rel="next" gives the next page's address, the
// request's own with after set, unless this is the last page.
func pageHeaders(w http.ResponseWriter, r *http.Request, page queries.SubgraphPage) {
	w.Header().Set("X-Total-Count", strconv.Itoa(page.Total))
	if page.Next == "" {
		return
	}
	v := r.URL.Query()
	v.Set("after", page.Next)
	next := url.URL{Path: r.URL.Path, RawQuery: v.Encode()}
	w.Header().Set("Link", "<"+next.String()+`>; rel="next"`)
}

// nodeHandler answers GET /id/… with the one-hop JSON-LD (or N-Quads) of
// the node whose IRI is graph.Base followed by the rest of the path; that
// of an entity or event in pages, as /export pages it (first, after).
func (srv *server) nodeHandler(w http.ResponseWriter, r *http.Request) {
	media, err := format(r)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	first, after, err := pageParams(r)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	iri := graph.Base + strings.TrimPrefix(r.URL.Path, "/id/")
	ctx, cancel := srv.withTimeout(r)
	defer cancel()
	qs, page, ok, err := srv.s.svc.NodeQuadsPage(ctx, iri, queries.DefaultMinConfidence, first, after)
	switch {
	case err != nil:
		http.Error(w, err.Error(), http.StatusInternalServerError)
	case !ok:
		http.Error(w, "no node "+iri, http.StatusNotFound)
	default:
		if page.Total > 0 {
			pageHeaders(w, r, page)
		}
		writeExport(w, media, qs)
	}
}

func contextHandler(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", mediaJSONLD)
	w.Header().Set("Cache-Control", "public, max-age=3600")
	io.Copy(w, bytes.NewReader(graph.Context))
}
