/* How deep decoded JSON nests, and whether it holds a float that decoding may have made of a
 * long integer: the check `trialparse.readers.base.kept_json` makes by serialising, without
 * serialising. The pure-Python fallback is that function; both only ever send a record to the
 * exact check (`check_depth`) or the exact decoding (`exact_json`), never decide alone. */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>

#define WITHIN 0
#define ROUNDED 1
#define OTHER 2
#define MAX_LEVELS 1024

/* orjson reads an integer literal outside [-2**63, 2**64) as a float: the smallest magnitude of
 * such a float */
static const double ROUNDED_FROM = 9223372036854775808.0;

static int walk(PyObject *node, int levels);

static inline int
value(PyObject *item, int levels)
{
    PyTypeObject *type = Py_TYPE(item);
    if (type == &PyUnicode_Type || type == &PyLong_Type || type == &PyBool_Type
        || item == Py_None) {
        return WITHIN;
    }
    if (type == &PyFloat_Type) {
        return fabs(PyFloat_AS_DOUBLE(item)) >= ROUNDED_FROM ? ROUNDED : WITHIN;
    }
    return walk(item, levels);
}

/* WITHIN: `node` (an object or array) and every object and array in it take at most `levels`
 * levels, and no float in it is one decoding may have made of a long integer; ROUNDED: within,
 * but such a float is there; OTHER: deeper, or it holds a value that is not decoded JSON. */
static int
walk(PyObject *node, int levels)
{
    int found = WITHIN;
    int verdict;
    if (levels <= 0) {
        return OTHER;
    }
    if (PyDict_CheckExact(node)) {
        Py_ssize_t at = 0;
        PyObject *key;
        PyObject *item;
        while (PyDict_Next(node, &at, &key, &item)) {
            if (!PyUnicode_CheckExact(key)) {
                return OTHER;
            }
            verdict = value(item, levels - 1);
            if (verdict == OTHER) {
                return OTHER;
            }
            found |= verdict;
        }
        return found;
    }
    if (PyList_CheckExact(node)) {
        Py_ssize_t count = PyList_GET_SIZE(node);
        for (Py_ssize_t index = 0; index < count; index++) {
            verdict = value(PyList_GET_ITEM(node, index), levels - 1);
            if (verdict == OTHER) {
                return OTHER;
            }
            found |= verdict;
        }
        return found;
    }
    return OTHER;
}

static PyObject *
verdict(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    long levels;
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "verdict(node, levels) takes two arguments");
        return NULL;
    }
    levels = PyLong_AsLong(args[1]);
    if (levels == -1 && PyErr_Occurred()) {
        return NULL;
    }
    /* the C stack holds one frame per level */
    if (levels > MAX_LEVELS) {
        levels = MAX_LEVELS;
    }
    return PyLong_FromLong(value(args[0], levels < 0 ? 0 : (int)levels));
}

static PyMethodDef methods[] = {
    {"verdict", (PyCFunction)(void (*)(void))verdict, METH_FASTCALL,
     "verdict(node, levels) -> 0 within, 1 may hold a rounded float, 2 deeper or not JSON"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_nesting", "How deep decoded JSON nests.", -1, methods,
};

PyMODINIT_FUNC
PyInit__nesting(void)
{
    return PyModule_Create(&module);
}
