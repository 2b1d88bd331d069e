/* frontline map: events with their evidence, territorial control and a day-by-day replay.
 *
 * SECURITY: every string that comes from a report (titles, quotes, names,
 * comments, URLs) is put into the page with textContent / createTextNode via
 * el(); this file never assigns innerHTML or passes HTML strings to Leaflet.
 * Links to sources are made only for http(s) URLs (safeHref).
 * Works offline: no tiles, no CDN — the base map is the bundled boundaries.
 */
(function () {
  "use strict";

  // ---------------------------------------------------------------- helpers
  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    if (attrs) {
      for (const [key, value] of Object.entries(attrs)) {
        if (value === null || value === undefined || value === false) continue;
        if (key === "class") node.className = String(value);
        else if (key === "text") node.textContent = String(value);
        else if (key === "href") {
          const safe = safeHref(value);
          if (safe) node.setAttribute("href", safe);
        } else if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
        else if (/^(title|target|rel|role|hidden|data-[a-z-]+|aria-[a-z-]+|value)$/.test(key)) node.setAttribute(key, String(value));
        else throw new Error("el(): attribute not allowed: " + key);
      }
    }
    for (const child of [].concat(children || [])) {
      if (child === null || child === undefined || child === false) continue;
      node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  /** An http(s) URL, resolved, or null: `javascript:`, `data:` etc. never become links. */
  function safeHref(value) {
    if (typeof value !== "string" || !value) return null;
    if (value.startsWith("#")) return /^#[A-Za-z0-9=._:%-]*$/.test(value) ? value : null;
    try {
      const url = new URL(value, window.location.href);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  async function api(path, params) {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(params || {})) if (v !== "" && v !== null && v !== undefined) qs.set(k, v);
    const url = path + (qs.toString() ? "?" + qs.toString() : "");
    const res = await fetch(url, { headers: { Accept: "application/json" } });
    const body = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(body.error || res.status + " " + res.statusText);
    return body;
  }

  function status(text) {
    $("status").textContent = text;
  }

  const $ = (id) => document.getElementById(id);
  const DAY = 86400000;
  const isoDay = (t) => new Date(t).toISOString().slice(0, 10);
  const dayNum = (s) => Date.parse(s + "T00:00:00Z");

  // ---------------------------------------------------------------- state
  const state = {
    meta: null,
    filters: {},
    records: [], // {feature, marker, date}
    days: [],
    index: 0,
    timer: null,
    controlCache: new Map(),
    controlToken: 0,
    daily: [],
  };
  const mapEl = $("map");

  const map = L.map("map", { zoomSnap: 0.5, minZoom: 5, maxZoom: 16, worldCopyJump: false });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Boundaries: OCHA COD-AB (CC BY 3.0 IGO) · Leaflet");
  // Panes, bottom to top: base map (where tiles would be), control areas, then events.
  map.createPane("base");
  map.getPane("base").style.zIndex = 200;
  map.createPane("control");
  map.getPane("control").style.zIndex = 350;

  const admin1Layer = L.geoJSON(null, {
    pane: "base",
    style: { color: "#a89f91", weight: 1.2, fillColor: "#f2efe6", fillOpacity: 1 },
    interactive: false,
  }).addTo(map);
  const admin1Labels = L.layerGroup();
  const placeLabels = L.layerGroup();
  const controlLayer = L.geoJSON(null, {
    pane: "control",
    style: controlStyle,
    pointToLayer: (feature, latlng) =>
      L.circleMarker(latlng, {
        pane: "control",
        radius: 3,
        weight: 1,
        color: sideColor(feature.properties.side),
        fillOpacity: feature.properties.inferred ? 0.2 : 0.9,
        dashArray: feature.properties.inferred ? "2 2" : null,
      }),
    onEachFeature: (feature, layer) => {
      if (feature.properties.kind === "settlement") layer.bindTooltip(() => controlTooltip(feature.properties));
    },
  }).addTo(map);
  const clusters = L.markerClusterGroup({ disableClusteringAtZoom: 12, maxClusterRadius: 40, chunkedLoading: true });
  map.addLayer(clusters);

  function sideColor(side) {
    const colors = (state.meta && state.meta.side_colors) || {};
    return colors[side] || colors.unknown || "#9e9e9e";
  }

  function typeColor(type) {
    const colors = (state.meta && state.meta.event_type_colors) || {};
    return colors[type] || colors.other || "#616161";
  }

  function controlStyle(feature) {
    const p = feature.properties;
    if (p.kind === "front") return { color: "#111", weight: 2.5, dashArray: "6 4" };
    if (p.kind === "area")
      return {
        color: sideColor(p.side),
        weight: p.inferred ? 1 : 0.5,
        dashArray: p.inferred ? "4 4" : null,
        fillColor: sideColor(p.side),
        fillOpacity: p.inferred ? 0.12 : 0.3,
      };
    return {};
  }

  function controlTooltip(p) {
    const lines = [el("strong", { text: p.name || p.place_id }), el("br"), "held by " + p.side];
    if (p.inferred) lines.push(el("br"), "INFERRED from neighbours, confidence " + Math.round(p.confidence * 100) + "%");
    else if (p.since) lines.push(el("br"), "since " + p.since + (p.basis === "initial" ? " (initial state)" : ""));
    if (p.contested) lines.push(el("br"), "contested: conflicting reports that day");
    return el("div", null, lines);
  }

  // ---------------------------------------------------------------- base map
  async function loadBasemap() {
    try {
      const fc = await api("/api/boundaries/admin1");
      admin1Layer.addData(fc);
      for (const f of fc.features || []) {
        const p = f.properties || {};
        if (typeof p.label_lat !== "number" || typeof p.label_lon !== "number") continue;
        const icon = L.divIcon({ className: "admin1-label", html: el("span", { text: p.name_en || "" }), iconSize: null });
        admin1Labels.addLayer(L.marker([p.label_lat, p.label_lon], { icon, interactive: false, keyboard: false }));
      }
      if (!state.hasEvents) map.fitBounds(admin1Layer.getBounds(), { animate: false });
    } catch (e) {
      status("base map unavailable: " + e.message);
    }
    try {
      const places = await api("/api/basemap/places", { limit: 3000 });
      for (const f of places.features || []) {
        const [lon, lat] = f.geometry.coordinates;
        const icon = L.divIcon({ className: "place-label", html: el("span", { text: f.properties.name || "" }), iconSize: null, iconAnchor: [-12, 8] });
        const m = L.marker([lat, lon], { icon, interactive: false, keyboard: false });
        m.events = f.properties.events || 0;
        placeLabels.addLayer(m);
      }
    } catch (e) {
      /* labels are optional */
    }
    updateLabels();
  }

  function updateLabels() {
    const z = map.getZoom();
    const cfg = (state.meta && state.meta.labels) || { admin1: 6, settlement: 10, settlement_major: 8, major_min_events: 3 };
    if (z >= cfg.admin1 && z < cfg.settlement) map.addLayer(admin1Labels);
    else map.removeLayer(admin1Labels);
    if (z >= cfg.settlement_major) {
      map.addLayer(placeLabels);
      placeLabels.eachLayer((m) => {
        const show = z >= cfg.settlement || m.events >= cfg.major_min_events;
        m.setOpacity(show ? 1 : 0);
      });
    } else map.removeLayer(placeLabels);
  }
  map.on("zoomend", updateLabels);

  // ---------------------------------------------------------------- filters
  function fillSelect(select, values) {
    const keep = select.value;
    while (select.options.length > 1) select.remove(1);
    for (const v of values || []) select.appendChild(el("option", { value: v, text: v }));
    select.value = keep;
  }

  function readFilters() {
    const form = $("filters");
    const f = {};
    for (const name of ["date_from", "date_to", "event_type", "sub_event_type", "actor", "outlet", "min_sources"]) {
      const v = form.elements[name].value.trim();
      if (v) f[name] = v;
    }
    if (form.elements.bbox.value === "view") {
      const b = map.getBounds();
      const clamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x));
      f.bbox = [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90), clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90)]
        .map((x) => x.toFixed(5))
        .join(",");
    }
    return f;
  }

  $("filters").addEventListener("submit", (ev) => {
    ev.preventDefault();
    state.filters = readFilters();
    reload();
  });
  $("filters").addEventListener("reset", () => {
    setTimeout(() => {
      state.filters = {};
      reload();
    }, 0);
  });

  // ---------------------------------------------------------------- events
  function eventDate(p) {
    return p.event_date || null;
  }

  async function loadEvents() {
    const all = [];
    const page = 5000;
    let total = 0;
    for (let offset = 0; offset < 100000; offset += page) {
      const fc = await api("/api/events", { ...state.filters, format: "geojson", limit: page, offset });
      total = fc.total;
      all.push(...fc.features);
      if (all.length >= total || fc.features.length < page) break;
    }
    state.records = all
      .filter((f) => f.geometry)
      .map((f) => {
        const [lon, lat] = f.geometry.coordinates;
        const marker = L.circleMarker([lat, lon], {
          radius: 6,
          weight: 1,
          color: "#222",
          fillColor: typeColor(f.properties.event_type),
          fillOpacity: 0.9,
          className: "event-marker",
        });
        marker.bindPopup(() => eventPopup(f.properties), { maxWidth: 360, minWidth: 260 });
        marker.feature = f;
        return { feature: f, marker, date: eventDate(f.properties) };
      });
    state.hasEvents = state.records.length > 0;
    mapEl.dataset.eventsLoaded = String(state.records.length);
    return total;
  }

  function field(label, value) {
    if (value === null || value === undefined || value === "") return [];
    return [el("dt", { text: label }), el("dd", null, value instanceof Node ? value : String(value))];
  }

  function fatalities(p) {
    const lo = p.fatalities_min, hi = p.fatalities_max;
    let range = String(p.fatalities ?? 0);
    if (lo !== null && lo !== undefined && hi !== null && hi !== undefined) range += lo === hi ? "" : " (range " + lo + "–" + hi + ")";
    if (p.fatalities_text) range += " — “" + p.fatalities_text + "”";
    return range;
  }

  function eventPopup(p) {
    const date = (p.event_date || "unknown date") + " (" + (p.date_precision || "unknown") + (p.date_range ? ": " + p.date_range.join(" – ") : "") + ")";
    const actors = [p.actor1, p.assoc_actor_1 && "with " + p.assoc_actor_1, p.actor2 && "vs " + p.actor2, p.assoc_actor_2 && "with " + p.assoc_actor_2]
      .filter(Boolean)
      .join(" ");
    const attribution = el("span", null, [p.attribution || "not attributed", p.hedged ? el("span", { class: "hedged", text: " · hedged" }) : null]);
    // Whole-event quotes as blockquotes; field-level evidence (where the place, date, actor… was read) as small lines.
    const all = p.evidence || [];
    const whole = all.filter((ev) => !ev.field);
    const quotes = (whole.length ? whole : all).map((ev) =>
      el("div", { class: "evidence" }, [
        el("blockquote", { text: ev.quote || "" }),
        el("div", { class: "src" }, [
          (ev.outlet || "unknown outlet") + " · ",
          el("a", { href: "#doc=" + encodeURIComponent(ev.document_id), class: "doclink", "data-doc": ev.document_id, onclick: onDocLink, text: ev.title || ev.document_id }),
          safeHref(ev.url) ? [" · ", el("a", { href: ev.url, target: "_blank", rel: "noopener noreferrer", text: "original" })] : null,
        ].flat()),
      ])
    );
    const fields = whole.length ? all.filter((ev) => ev.field) : [];
    const fieldLines = fields.length
      ? el("div", { class: "src fields" }, fields.map((ev) => el("div", { text: ev.field + ": “" + (ev.quote || "") + "”" })))
      : null;
    const evidence = [...quotes, fieldLines];
    return el("div", { class: "popup" }, [
      el("h3", { text: p.sub_event_type + " — " + (p.location || "unknown place") }),
      el("dl", null, [
        ...field("type", p.event_type),
        ...field("date", date),
        ...field("actors", actors),
        ...field("place", (p.location || "?") + (p.admin1 ? ", " + p.admin1 : "") + " · geo precision " + (p.geo_precision ?? "?")),
        ...field("fatalities", fatalities(p)),
        ...field("claimed by", attribution),
        ...field("sources", String(p.independent_sources ?? 0) + " independent"),
      ]),
      ...evidence,
    ]);
  }

  function onDocLink(ev) {
    ev.preventDefault();
    openDocument(ev.currentTarget.getAttribute("data-doc"));
  }

  // ---------------------------------------------------------------- timeline
  function buildDays() {
    const f = state.filters;
    const lo = f.date_from || (state.meta && state.meta.date_min);
    const hi = f.date_to || (state.meta && state.meta.date_max);
    state.days = [];
    if (lo && hi) for (let t = dayNum(lo); t <= dayNum(hi) && state.days.length < 3660; t += DAY) state.days.push(isoDay(t));
    const slider = $("slider");
    slider.max = String(Math.max(0, state.days.length - 1));
    state.index = Math.max(0, state.days.length - 1);
    slider.value = String(state.index);
  }

  function currentDay() {
    return state.days[state.index] || null;
  }

  function renderEvents() {
    const day = currentDay();
    const cumulative = $("cumulative").checked;
    const visible = state.records.filter((r) => !day || (r.date ? (cumulative ? r.date <= day : r.date === day) : cumulative)).map((r) => r.marker);
    clusters.clearLayers();
    clusters.addLayers(visible);
    mapEl.dataset.visible = String(visible.length);
    $("slider-date").textContent = day || "no dates";
    status(state.records.length + " events · " + visible.length + " shown" + (day ? " up to " + day : ""));
    drawChart();
  }

  async function renderControl() {
    const day = currentDay();
    const token = ++state.controlToken;
    if (!$("show-control").checked || !day) {
      controlLayer.clearLayers();
      mapEl.dataset.controlDate = "";
      return;
    }
    const candidates = $("spread-gazetteer").checked ? "gazetteer" : "stored";
    const key = day + "|" + candidates;
    let fc = state.controlCache.get(key);
    if (!fc) {
      try {
        fc = await api("/api/control", { date: day, candidates });
      } catch (e) {
        status("control unavailable: " + e.message);
        return;
      }
      state.controlCache.set(key, fc);
    }
    if (token !== state.controlToken) return; // a newer date was asked for meanwhile
    controlLayer.clearLayers();
    controlLayer.addData(fc);
    const settlements = fc.features.filter((f) => f.properties.kind === "settlement");
    mapEl.dataset.controlDate = day;
    mapEl.dataset.controlSig = settlements.map((f) => f.properties.place_id + ":" + f.properties.side).sort().join("|");
  }

  function setIndex(i) {
    state.index = Math.max(0, Math.min(state.days.length - 1, i));
    $("slider").value = String(state.index);
    renderEvents();
    renderControl();
  }

  $("slider").addEventListener("input", (ev) => setIndex(Number(ev.target.value)));
  $("cumulative").addEventListener("change", renderEvents);
  $("show-control").addEventListener("change", renderControl);
  $("spread-gazetteer").addEventListener("change", renderControl);
  $("play").addEventListener("click", () => {
    if (state.timer) return stop();
    if (state.index >= state.days.length - 1) setIndex(0);
    $("play").textContent = "❚❚";
    state.timer = setInterval(() => {
      if (state.index >= state.days.length - 1) return stop();
      setIndex(state.index + 1);
    }, 700);
  });
  function stop() {
    clearInterval(state.timer);
    state.timer = null;
    $("play").textContent = "▶";
  }

  // ---------------------------------------------------------------- chart
  function drawChart() {
    const canvas = $("chart");
    const ratio = window.devicePixelRatio || 1;
    const w = canvas.clientWidth || 360, h = canvas.clientHeight || 120;
    canvas.width = w * ratio;
    canvas.height = h * ratio;
    const ctx = canvas.getContext("2d");
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, w, h);
    if (!state.days.length) return;
    const byDay = new Map();
    for (const row of state.daily) {
      if (!byDay.has(row.date)) byDay.set(row.date, []);
      byDay.get(row.date).push(row);
    }
    let max = 1;
    for (const rows of byDay.values()) max = Math.max(max, rows.reduce((a, r) => a + r.count, 0));
    const bw = w / state.days.length;
    state.days.forEach((d, i) => {
      let y = h - 12;
      for (const r of byDay.get(d) || []) {
        const bh = ((h - 16) * r.count) / max;
        ctx.fillStyle = typeColor(r.event_type);
        ctx.fillRect(i * bw + 0.5, y - bh, Math.max(1, bw - 1), bh);
        y -= bh;
      }
    });
    const x = (state.index + 0.5) * bw;
    ctx.strokeStyle = "#000";
    ctx.beginPath();
    ctx.moveTo(x, 0);
    ctx.lineTo(x, h - 12);
    ctx.stroke();
    ctx.fillStyle = "#444";
    ctx.font = "10px system-ui";
    ctx.fillText(state.days[0], 2, h - 2);
    const last = state.days[state.days.length - 1];
    ctx.fillText(last, w - ctx.measureText(last).width - 2, h - 2);
    ctx.fillText("max " + max + "/day", 2, 10);
  }

  function drawLegend() {
    const legend = $("legend");
    legend.replaceChildren(el("span", { class: "legend-head", text: "Events by type" }));
    for (const [type, color] of Object.entries(state.meta.event_type_colors || {})) {
      if (type === "other") continue;
      const sw = el("span", { class: "swatch" });
      sw.style.background = color;
      legend.appendChild(el("span", null, [sw, type]));
    }
    legend.appendChild(el("span", { class: "legend-head", text: "Control by side" }));
    for (const [side, color] of Object.entries(state.meta.side_colors || {})) {
      const sw = el("span", { class: "swatch square" });
      sw.style.background = color;
      legend.appendChild(el("span", null, [sw, side]));
    }
  }

  // ---------------------------------------------------------------- documents
  function highlights(doc) {
    const marks = [];
    for (const m of doc.place_mentions || []) marks.push([m.start, m.end, "hl-place", "place: " + (m.name || m.text) + (m.place_id ? " (" + m.place_id + ")" : "")]);
    for (const m of doc.actor_mentions || []) marks.push([m.start, m.end, "hl-actor", "actor: " + (m.name || m.text) + (m.side ? " · " + m.side : "")]);
    for (const s of doc.framing_spans || []) marks.push([s.start, s.end, "hl-framing", "framing: " + s.technique + (s.neutral ? " · neutral: " + s.neutral : "")]);
    for (const e of doc.events || []) marks.push([e.start, e.end, "hl-evidence", "evidence of " + e.sub_event_type + " (" + (e.event_date || "undated") + ")"]);
    return marks;
  }

  /** The text of [start, end) split at every highlight edge; offsets are code points (Python str). */
  function renderRange(chars, start, end, marks) {
    const cuts = new Set([start, end]);
    const inside = marks.filter((m) => m[0] < end && m[1] > start);
    for (const m of inside) {
      cuts.add(Math.max(start, m[0]));
      cuts.add(Math.min(end, m[1]));
    }
    const points = [...cuts].sort((a, b) => a - b);
    const out = document.createDocumentFragment();
    for (let i = 0; i < points.length - 1; i++) {
      const a = points[i], b = points[i + 1];
      const text = chars.slice(a, b).join("");
      const cover = inside.filter((m) => m[0] <= a && m[1] >= b);
      if (!cover.length) out.appendChild(document.createTextNode(text));
      else out.appendChild(el("span", { class: [...new Set(cover.map((m) => m[2]))].join(" "), title: cover.map((m) => m[3]).join("\n"), text }));
    }
    return out;
  }

  async function openDocument(id) {
    let doc;
    try {
      doc = await api("/api/documents/" + encodeURIComponent(id));
    } catch (e) {
      status("document: " + e.message);
      return;
    }
    const view = $("docview");
    view.hidden = false;
    $("doctitle").textContent = doc.title || doc.source_path || doc.id;
    const meta = [doc.outlet || "unknown outlet", doc.publication_date ? doc.publication_date + (doc.date_source ? " (" + doc.date_source + ")" : "") : "undated"];
    if (doc.byline) meta.push(doc.byline);
    if (doc.original_source) meta.push("original: " + doc.original_source);
    const metaEl = $("docmeta");
    metaEl.replaceChildren(meta.join(" · "));
    if (safeHref(doc.url)) metaEl.append(" · ", el("a", { href: doc.url, target: "_blank", rel: "noopener noreferrer", text: "source" }));
    const chars = Array.from(doc.text || "");
    const marks = highlights(doc);
    const body = $("docbody");
    body.replaceChildren();
    const parts = (doc.parts || []).slice().sort((a, b) => a.start - b.start);
    if (!parts.length) parts.push({ kind: "body", start: 0, end: chars.length });
    let comments = 0;
    for (const part of parts) {
      const content = renderRange(chars, part.start, part.end, marks);
      if (part.kind === "comment") {
        comments += 1;
        body.appendChild(el("details", { class: "part-comment" }, [el("summary", { text: "reader comment " + comments }), content]));
      } else if (part.kind === "boilerplate") {
        body.appendChild(el("details", { class: "part-boilerplate" }, [el("summary", { text: "boilerplate" }), content]));
      } else {
        body.appendChild(el("div", { class: "part-" + part.kind, "data-kind": part.kind }, content));
      }
    }
    view.dataset.doc = doc.id;
    view.scrollIntoView({ block: "start" });
    if (window.location.hash !== "#doc=" + encodeURIComponent(doc.id)) history.replaceState(null, "", "#doc=" + encodeURIComponent(doc.id));
  }

  $("docclose").addEventListener("click", () => {
    $("docview").hidden = true;
    history.replaceState(null, "", window.location.pathname);
  });

  function docFromHash() {
    const m = /^#doc=([^&]+)$/.exec(window.location.hash);
    if (m) openDocument(decodeURIComponent(m[1]));
  }
  window.addEventListener("hashchange", docFromHash);

  async function loadDocumentList() {
    try {
      const body = await api("/api/documents", { limit: 500 });
      $("doccount").textContent = String(body.total);
      const list = $("docs");
      list.replaceChildren();
      for (const d of body.documents) {
        const label = (d.title || d.source_path || d.id) + " — " + (d.outlet || "unknown outlet") + ", " + (d.publication_date || "undated");
        list.appendChild(el("li", null, el("a", { href: "#doc=" + encodeURIComponent(d.id), class: "doclink", "data-doc": d.id, onclick: onDocLink, text: label })));
      }
    } catch (e) {
      /* the list is a convenience */
    }
  }

  // ---------------------------------------------------------------- startup
  async function reload() {
    status("loading…");
    try {
      const [total, daily] = await Promise.all([loadEvents(), api("/api/stats/daily", state.filters)]);
      state.daily = daily.days || [];
      buildDays();
      if (state.records.length && !state.fitted) {
        state.fitted = true;
        // Frame the events inside the base map's area: one far-away meeting (a summit abroad) must not zoom the map out to a continent.
        const area = admin1Layer.getLayers().length ? admin1Layer.getBounds().pad(0.1) : null;
        const local = state.records.filter((r) => !area || area.contains(r.marker.getLatLng()));
        const framed = local.length ? local : state.records;
        map.fitBounds(L.featureGroup(framed.map((r) => r.marker)).getBounds().pad(0.2), { maxZoom: 11, animate: false }); // no animation: a zoom still running after "ready" would undo the first user (or test) navigation
      }
      renderEvents();
      await renderControl();
      status(total + " events matching · " + (mapEl.dataset.visible || 0) + " shown");
    } catch (e) {
      status("error: " + e.message);
    }
    mapEl.dataset.ready = "1";
  }

  async function start() {
    try {
      state.meta = await api("/api/meta");
    } catch (e) {
      status("API unavailable: " + e.message);
      return;
    }
    const form = $("filters");
    fillSelect(form.elements.event_type, state.meta.event_types);
    fillSelect(form.elements.sub_event_type, state.meta.sub_event_types);
    fillSelect(form.elements.outlet, state.meta.outlets);
    drawLegend();
    const view = state.meta.initial_view || { center: [35, 38.5], zoom: 7 };
    map.setView(view.center, view.zoom);
    await loadBasemap();
    loadDocumentList();
    await reload();
    docFromHash();
  }

  window.frontline = { map, state, openDocument, setIndex };
  start();
})();
